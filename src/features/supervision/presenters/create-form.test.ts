import { describe, expect, it } from 'vitest';
import { validateCard } from '../../../local/lark/card-validator.js';
import type { CardElement } from '../../../cards/types.js';
import { presentDuplicateCancelled, presentDuplicateConfirm } from './duplicate-card.js';
import { LEADER_DEFAULT_NOTE, presentCreateForm } from './forms.js';

const options = {
  units: [
    { id: 'u1', name: '督查科' },
    { id: 'u2', name: '西河镇' },
    { id: 'u3', name: '县住建局' },
  ],
  leaders: [
    { id: 'p1', name: '张建华', title: '县长' },
    { id: 'p2', name: '吴副县长', title: '常务副县长' },
  ],
};

const formFields = (card: ReturnType<typeof presentCreateForm>): CardElement[] => {
  const form = (card.body.elements as CardElement[]).find((e) => e.tag === 'form') as { elements: CardElement[] };
  return form.elements;
};

describe('督办 立项 form', () => {
  it('every select and date picker has a visible label above it, so a chosen value never hides what the field is', () => {
    const fields = formFields(presentCreateForm(options));
    const pickers = fields.map((f, i) => [f, i] as const).filter(([f]) => f.tag === 'select_static' || f.tag === 'date_picker');
    expect(pickers.length).toBe(7);
    for (const [, i] of pickers) {
      const above = fields[i - 1] as { tag: string; content?: string };
      expect(above.tag).toBe('markdown');
      expect(above.content).toMatch(/^\*\*.+\*\*/);
    }
  });
  it('says who is told when no leader is chosen, and names leaders with their titles in rank order', () => {
    const fields = formFields(presentCreateForm(options));
    expect(JSON.stringify(fields)).toContain(LEADER_DEFAULT_NOTE.slice(0, 20));
    const leader = fields.find((f) => (f as { name?: string }).name === 'leader') as { options: { text: { content: string } }[] };
    expect(leader.options.map((o) => o.text.content)).toEqual(['张建华（县长）', '吴副县长']);
  });
  it('is a card the Open API accepts', () => {
    expect(validateCard(JSON.stringify(presentCreateForm(options, '期限不是工作日', { unit: 'u2', leader: 'p1' })))).toEqual([]);
  });
  it('snapshot', () => expect(presentCreateForm(options)).toMatchSnapshot());
});

describe('重复立项 confirmation', () => {
  const facts = { existingNumber: '督〔2026〕15号', existingAt: '今天 10:00', content: '整治背街小巷环境', unitName: '县住建局', deadline: '12月18日（周五）' };
  it('names the item already entered and offers 确认重复立项 / 取消', () => {
    const c = presentDuplicateConfirm(facts, { once: 'msg:om_1', draft: '{}' });
    expect(validateCard(JSON.stringify(c))).toEqual([]);
    expect(c).toMatchSnapshot();
  });
  it('cancelled', () => {
    const c = presentDuplicateCancelled('督〔2026〕15号');
    expect(validateCard(JSON.stringify(c))).toEqual([]);
    expect(c).toMatchSnapshot();
  });
});
