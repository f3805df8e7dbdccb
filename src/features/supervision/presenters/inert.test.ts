import { describe, expect, it } from 'vitest';
import type { Card } from '../../../cards/types.js';
import type { ItemStatus } from '../domain/states.js';
import type { ItemView, TimelineEntry } from '../view.js';
import { presentGroupEscalation, presentPersonDigest, type DigestLine } from './digest.js';
import { presentFollowUpCard } from './follow-up.js';
import { presentClosureForm, presentCreateForm, presentExtensionForm, presentProgressForm, presentRefuseForm } from './forms.js';
import { presentItemCard } from './item-card.js';
import { presentItemList, presentReport } from './reports.js';
import { BLOCK_GUTTER } from './text.js';

/**
 * Text people type reaches cards (issue 10, finding 6): a mention of everyone, a disguised link or a
 * colour in any field must render as text, in every supervision card. Each field carries its own marker,
 * so the test also shows that the field was rendered at all.
 */
const EVIL = '<at id=all></at>[x](http://evil)<font color=red>';
const markup = (field: string) => `F${field}F${EVIL}`;
type Craft = (field: string) => string;

/**
 * Lines that would pass for the card's own: a 办理记录 row, a field label, a list row, a section title,
 * markdown block syntax. Each crafted value carries them after line breaks of every kind Lark may honour.
 */
const FORGED = [
  '2026-11-20 10:00　王督查　审核同意销号',
  '**状态**：已办结（伪造）',
  '- **督〔2026〕99号** 伪造事项',
  '**办理记录**（伪造）',
  '# 伪造标题',
  '> 伪造引用',
  '1. 伪造条目',
];
const BREAKS = ['\n', '\r\n', '\r', '\u2028', '\u2029', '\v', '\f', '\u0085'];
const broken = (field: string) => `F${field}F` + FORGED.map((f, i) => BREAKS[i % BREAKS.length]! + f).join('') + BREAKS.at(-1)! + FORGED[0];
const LINE = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/;

const view = (status: ItemStatus, crafted: Craft): ItemView => ({
  id: 'item1',
  number: crafted('number'),
  content: crafted('content'),
  standard: crafted('standard'),
  sourceType: crafted('sourceType'),
  sourceRef: crafted('sourceRef'),
  promised: true,
  urgent: true,
  unitName: crafted('unitName'),
  personName: crafted('personName'),
  personOpenId: crafted('personOpenId'),
  leaderName: crafted('leaderName'),
  leaderOpenId: crafted('leaderOpenId'),
  deadline: crafted('deadline'),
  status,
  statusNote: crafted('statusNote'),
  progressPercent: 40,
  lastProgress: crafted('lastProgress'),
  overdueDays: 3,
  milestones: [{ title: crafted('milestoneTitle'), dueDate: crafted('milestoneDue'), done: false }],
  pendingExtension: { id: 'x1', reason: crafted('extensionReason'), proposedDate: crafted('extensionDate') },
});
const timelineOf = (crafted: Craft): TimelineEntry[] => [{ at: crafted('timelineAt'), who: crafted('timelineWho'), what: crafted('timelineWhat') }];
const lineOf = (crafted: Craft): DigestLine => ({
  number: crafted('digestNumber'),
  content: crafted('digestContent'),
  deadline: crafted('digestDeadline'),
  reason: crafted('digestReason'),
  unitName: crafted('digestUnit'),
  personName: crafted('digestPerson'),
  personOpenId: crafted('digestPersonOpenId'),
  leaderName: crafted('digestLeader'),
  leaderOpenId: crafted('digestLeaderOpenId'),
});

function markdownOf(card: Card): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.tag === 'markdown' && typeof o.content === 'string') out.push(o.content);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

const statuses: ItemStatus[] = ['pending_ack', 'in_progress', 'returned', 'pending_close', 'closed', 'cancelled'];

function everyCard(crafted: Craft): [string, Card][] {
  const cards: [string, Card][] = [];
  const timeline = timelineOf(crafted);
  const line = lineOf(crafted);
  for (const s of statuses) {
    const v = view(s, crafted);
    for (const a of ['assignee', 'group', 'detail'] as const) cards.push([`item ${s} ${a}`, presentItemCard(v, a, a === 'detail' ? timeline : [])]);
    cards.push([`follow-up ${s}`, presentFollowUpCard(v)], [`follow-up answered ${s}`, presentFollowUpCard(v, 'relapsed')]);
    cards.push(
      [`progress form ${s}`, presentProgressForm(v)],
      [`extension form ${s}`, presentExtensionForm(v)],
      [`closure form ${s}`, presentClosureForm(v)],
      [`refuse form ${s}`, presentRefuseForm(v)],
    );
  }
  const typed = Object.fromEntries(['content', 'standard', 'person', 'ref', 'milestones', 'followup', 'deadline'].map((k) => [k, crafted(`form_${k}`)]));
  cards.push([
    'create form',
    presentCreateForm(
      { units: [{ id: 'u1', name: crafted('optionUnit') }], leaders: [{ id: 'l1', name: crafted('optionLeader') }] },
      crafted('formError'),
      typed,
    ),
  ]);
  cards.push(['person digest', presentPersonDigest(crafted('digestName'), '2026-11-24', [line, { ...line, reason: `已超期${line.reason}` }])]);
  cards.push(['group escalation', presentGroupEscalation('2026-11-24', [line])]);
  cards.push([
    'list',
    presentItemList(
      '督办事项',
      statuses.map((s) => ({
        number: crafted('listNumber'),
        content: crafted('listContent'),
        unitName: crafted('listUnit'),
        deadline: crafted('listDeadline'),
        status: s,
        overdueDays: 2,
      })),
      99,
    ),
  ]);
  cards.push([
    'report',
    presentReport({
      title: '督查通报',
      asOf: crafted('reportAsOf'),
      total: 3,
      open: 2,
      closed: 1,
      closedOnTime: 1,
      overdue: 1,
      byUnit: [{ unitName: crafted('reportUnit'), total: 3, closed: 1, closedOnTime: 1, overdue: 1 }],
      overdueItems: [
        {
          number: crafted('reportNumber'),
          content: crafted('reportContent'),
          unitName: crafted('reportItemUnit'),
          leaderName: crafted('reportLeader'),
          overdueDays: 2,
        },
      ],
    }),
  ]);
  return cards;
}

describe('user text in supervision cards is inert', () => {
  const cards = everyCard(markup);

  it('no card markdown carries a mention, a link or a colour from a field', () => {
    for (const [name, card] of cards) {
      for (const md of markdownOf(card)) {
        expect({ name, md, at: md.includes('<at'), link: md.includes('](') || md.includes('[x]'), colour: md.includes('<font color=red>') }).toMatchObject({
          at: false,
          link: false,
          colour: false,
        });
      }
    }
  });

  it('every field was rendered somewhere (as escaped markdown or plain text)', () => {
    const shown = cards.map(([, c]) => JSON.stringify(c)).join('\n');
    const fields = [
      ...['number', 'content', 'standard', 'sourceType', 'sourceRef', 'unitName', 'personName', 'leaderName', 'deadline', 'statusNote', 'lastProgress'],
      ...['milestoneTitle', 'milestoneDue', 'extensionReason', 'extensionDate', 'timelineAt', 'timelineWho', 'timelineWhat'],
      ...['digestNumber', 'digestContent', 'digestDeadline', 'digestReason', 'digestUnit', 'digestPerson', 'digestLeader', 'digestName'],
      ...[
        'listNumber',
        'listContent',
        'listUnit',
        'listDeadline',
        'reportAsOf',
        'reportUnit',
        'reportNumber',
        'reportContent',
        'reportItemUnit',
        'reportLeader',
      ],
      ...['optionUnit', 'optionLeader', 'formError', 'form_content', 'form_standard', 'form_person', 'form_ref', 'form_milestones', 'form_followup'],
    ];
    for (const f of fields) expect({ f, shown: shown.includes(`F${f}F`) }).toEqual({ f, shown: true });
  });

  it('a malformed open id is never put into a mention', () => {
    const all = cards.flatMap(([, c]) => markdownOf(c)).join('\n');
    for (const f of ['personOpenId', 'leaderOpenId', 'digestPersonOpenId', 'digestLeaderOpenId'])
      expect({ f, shown: all.includes(`F${f}F`) }).toEqual({ f, shown: false });
  });
});

describe('line breaks in user text cannot forge a line of a supervision card', () => {
  const cards = everyCard(broken);
  const lines = cards.flatMap(([name, c]) => markdownOf(c).flatMap((md) => md.split(LINE).map((text) => ({ name, text }))));

  it('no line starts like a timeline row, a field label or a list row that a field carried', () => {
    expect(lines.length).toBeGreaterThan(100);
    for (const { name, text } of lines) {
      const start = text.trimStart();
      expect({ name, text, forged: FORGED.some((f) => start.startsWith(f)), dated: /^\d{4}-\d{2}-\d{2}/.test(start) }).toEqual({
        name,
        text,
        forged: false,
        dated: false,
      });
    }
  });

  it('multi-line fields keep their lines, each behind the gutter; one-line fields fold theirs', () => {
    const detail = markdownOf(cards.find(([n]) => n === 'item returned detail')![1])
      .join('\n')
      .split(LINE);
    for (const f of ['content', 'standard', 'lastProgress', 'statusNote', 'extensionReason']) {
      const at = detail.findIndex((l) => l.includes(`F${f}F`));
      expect({ f, next: detail[at + 1] }).toEqual({ f, next: `${BLOCK_GUTTER}${FORGED[0]}` });
    }
    const row = detail.find((l) => l.includes('FtimelineWhatF'))!;
    expect(row.startsWith('FtimelineAtF')).toBe(true);
    expect(row).toContain(`FtimelineWhatF ${FORGED[0]}`);
  });
});
