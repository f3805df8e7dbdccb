import { describe, expect, it } from 'vitest';
import { literalText } from './text.js';

/** What Lark would read as markup in a text message (a mention, a style tag, a link, an entity). */
const PARSEABLE = /<[\s\u200B-\u200D\u2060\uFEFF]*\/?[\s\u200B-\u200D\u2060\uFEFF]*[A-Za-z]|\[[^[\]]*\]\(|&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/i;

describe('literalText (Lark text markup shown literally)', () => {
  const cases: [string, string][] = [
    ['督办 列表', '督办 列表'],
    ['<at user_id="all"></at>', '＜at user_id="all"＞＜/at＞'],
    ['<at user_id="all">所有人</at>', '＜at user_id="all"＞所有人＜/at＞'],
    ['<AT USER_ID="all"></AT>', '＜AT USER_ID="all"＞＜/AT＞'],
    ['<at id=all></at>', '＜at id=all＞＜/at＞'],
    ['< at user_id="all">', '＜ at user_id="all"＞'],
    ['<\u200Bat user_id="all">', '＜\u200Bat user_id="all"＞'],
    ['<at user_id="all"', '＜at user_id="all"'],
    ['未识别的指令「<at」', '未识别的指令「＜at」'],
    ['<b>加粗</b><i>斜</i><u>下</u><s>删</s>', '＜b＞加粗＜/b＞＜i＞斜＜/i＞＜u＞下＜/u＞＜s＞删＜/s＞'],
    ['[点击查看](https://example.com/x)', '［点击查看］(https://example.com/x)'],
    ['[](http://a)', '［］(http://a)'],
    ['&lt;at user_id="all"&gt;', '＆lt;at user_id="all"＆gt;'],
    ['&#60;at&#x3C;', '＆#60;at＆#x3C;'],
    // Not markup: left alone.
    ['x < 5 且 y > 3', 'x < 5 且 y > 3'],
    ['1<2', '1<2'],
    ['[附件] (见下)', '[附件] (见下)'],
    ['第[3]项', '第[3]项'],
    ['A & B', 'A & B'],
    ['😀 表情', '😀 表情'],
  ];

  it.each(cases)('%j → %j', (input, expected) => {
    const out = literalText(input);
    expect(out).toBe(expected);
    expect(out).not.toMatch(PARSEABLE);
  });

  it('is idempotent', () => {
    for (const [input] of cases) expect(literalText(literalText(input))).toBe(literalText(input));
    const tricky = '<<at user_id="all">[[a](b)&&lt;';
    expect(literalText(literalText(tricky))).toBe(literalText(tricky));
    expect(literalText(tricky)).not.toMatch(PARSEABLE);
  });
});
