import { describe, expect, it } from 'vitest';
import { card, escapeMarkdown, markdown } from '../../src/cards/elements.js';
import { cardToText } from '../../src/platform/outbox/card-fit.js';

describe('cardToText (the text sent when a card cannot be)', () => {
  it('shows user text escaped for the card as typed, but never as text-message markup', () => {
    const typed = '<at user_id="all"></at> 见[附件](http://evil.example) A&B';
    const text = cardToText(card({ title: '事项', elements: [markdown(`**标题**：${escapeMarkdown(typed)}\n负责人：<at id=ou_abc></at>`)] }));
    expect(text).toBe('【事项】\n标题：＜at user_id="all"＞＜/at＞ 见［附件］(http://evil.example) A&B\n负责人：@ou_abc');
    expect(text).not.toMatch(/<\s*\/?\s*at\b|\[[^[\]]*\]\(/i);
  });
});
