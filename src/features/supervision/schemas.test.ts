import { describe, expect, it } from 'vitest';
import { BotError } from '../../errors.js';
import {
  closureForm,
  createForm,
  extensionForm,
  extensionValue,
  followUpValue,
  itemValue,
  parseCard,
  progressForm,
  refuseForm,
  STALE_CARD_MESSAGE,
} from './schemas.js';

const ID = 'cmi0abcdefghijklmnop';
const proto = (json: string) => JSON.parse(json) as unknown; // JSON.parse makes __proto__ an own key, as a request body would

/** Each schema with values our cards send and values they never send. */
const cases: { name: string; schema: Parameters<typeof parseCard>[0]; valid: [unknown, unknown][]; tampered: [string, unknown][] }[] = [
  {
    name: 'item button',
    schema: itemValue,
    valid: [
      [{ id: ID }, { id: ID }],
      [{ id: ID, extra: 'ignored' }, { id: ID }],
    ],
    tampered: [
      ['missing id', {}],
      ['empty id', { id: '' }],
      ['number id', { id: 12 }],
      ['array id', { id: [ID] }],
      ['object id', { id: { $ne: null } }],
      ['null id', { id: null }],
      ['overlong id', { id: 'x'.repeat(20_000) }],
      ['__proto__ only', proto('{"__proto__":{"id":"x"}}')],
      ['not an object', 'sv.ack'],
      ['array value', [ID]],
    ],
  },
  {
    name: 'extension decision',
    schema: extensionValue,
    valid: [
      [
        { id: ID, ext: 'ext1' },
        { id: ID, ext: 'ext1' },
      ],
    ],
    tampered: [
      ['missing ext', { id: ID }],
      ['array ext', { id: ID, ext: ['ext1'] }],
      ['number ext', { id: ID, ext: 1 }],
      ['overlong ext', { id: ID, ext: 'e'.repeat(65) }],
    ],
  },
  {
    name: 'follow-up',
    schema: followUpValue,
    valid: [
      [
        { id: ID, holds: true },
        { id: ID, holds: true },
      ],
      [
        { id: ID, holds: false },
        { id: ID, holds: false },
      ],
    ],
    tampered: [
      ['missing holds', { id: ID }],
      ['string holds', { id: ID, holds: 'true' }],
      ['number holds', { id: ID, holds: 1 }],
    ],
  },
  {
    name: 'progress form',
    schema: progressForm,
    valid: [
      [
        { done: '完成设计', percent: '50', next: '施工' },
        { done: '完成设计', percent: 50, next: '施工' },
      ],
      [
        { done: '完成设计', percent: '100' },
        { done: '完成设计', percent: 100, next: '' },
      ],
    ],
    tampered: [
      ['missing percent', { done: '完成设计' }],
      ['percent not a number', { done: 'x', percent: 'abc' }],
      ['percent as number', { done: 'x', percent: 50 }],
      ['percent array', { done: 'x', percent: ['50'] }],
      ['done array', { done: ['x'], percent: '50' }],
      ['done object', { done: { toString: 'x' }, percent: '50' }],
      ['overlong done', { done: '字'.repeat(4001), percent: '50' }],
    ],
  },
  {
    name: 'extension form',
    schema: extensionForm,
    valid: [
      [
        { reason: '汛期', date: '2026-12-31 +0800' },
        { reason: '汛期', date: '2026-12-31 +0800' },
      ],
    ],
    tampered: [
      ['date array', { reason: '汛期', date: ['2026-12-31'] }],
      ['date number', { reason: '汛期', date: 20261231 }],
      ['overlong date', { reason: '汛期', date: '2'.repeat(65) }],
      ['reason boolean', { reason: true, date: '2026-12-31' }],
    ],
  },
  {
    name: 'closure form',
    schema: closureForm,
    valid: [
      [{ result: '已完工' }, { result: '已完工' }],
      [{}, { result: '' }],
    ],
    tampered: [
      ['result array', { result: ['已完工'] }],
      ['overlong result', { result: 'x'.repeat(4001) }],
    ],
  },
  {
    name: 'refuse form',
    schema: refuseForm,
    valid: [[{ reason: '缺材料' }, { reason: '缺材料' }]],
    tampered: [['reason number', { reason: 7 }]],
  },
  {
    name: 'create form',
    schema: createForm,
    valid: [
      [
        { content: '完善停车设施', unit: 'u1', deadline: '2026-12-18 +0800', source: 'meeting', urgency: 'normal' },
        { content: '完善停车设施', unit: 'u1', deadline: '2026-12-18 +0800', source: 'meeting', urgency: 'normal' },
      ],
      // Missing fields stay missing: createItem answers them in words.
      [{}, {}],
      [proto('{"content":"x","__proto__":{"unit":"u9"}}'), { content: 'x' }],
    ],
    tampered: [
      ['unit array', { content: 'x', unit: ['u1', 'u2'] }],
      ['deadline number', { content: 'x', deadline: 1 }],
      ['overlong content', { content: 'x'.repeat(4001) }],
      ['overlong person', { person: '张'.repeat(201) }],
      ['content object', { content: { a: 1 } }],
    ],
  },
];

describe('supervision card schemas', () => {
  for (const c of cases) {
    describe(c.name, () => {
      it.each(c.valid)('accepts %j', (value, expected) => {
        const parsed = parseCard(c.schema, value) as Record<string, unknown>;
        expect(parsed).toEqual(expected);
        expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
      });
      it.each(c.tampered)('answers %s as a stale card', (_label, value) => {
        let thrown: unknown;
        try {
          parseCard(c.schema, value);
        } catch (err) {
          thrown = err;
        }
        expect(thrown).toBeInstanceOf(BotError);
        expect(thrown).toMatchObject({ code: 'stale_card', userMessage: STALE_CARD_MESSAGE });
      });
    });
  }

  it('does not let a __proto__ key reach the prototype of what it returns', () => {
    const parsed = parseCard(itemValue, proto('{"id":"a1","__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(parsed.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
