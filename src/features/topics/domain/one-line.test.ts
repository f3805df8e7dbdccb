import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { isLate, topicDueDate } from './lateness.js';
import { countChars, overLength, parseMaterialLinks } from './materials.js';
import { matchMeetingType } from './meeting-types.js';
import { parseOneLineTopic } from './one-line.js';

describe('议题 申报 one line', () => {
  it('reads the title, the keys and bare links', () => {
    const l = parseOneLineTopic([
      '关于城区停车管理的议题',
      '（送审）',
      '类型:常务会',
      'https://x.feishu.cn/docx/AbCdEfGhIjKlMnOp1234',
      '列席：财政局、公安局',
      '审查:规范性文件',
      '时长:20分钟',
      '征求意见:财政局',
      '理由:上级督办',
    ]);
    expect(l).toMatchObject({
      title: '关于城区停车管理的议题 （送审）',
      type: '常务会',
      materials: ['https://x.feishu.cn/docx/AbCdEfGhIjKlMnOp1234'],
      attend: ['财政局', '公安局'],
      legal: 'normative',
      minutes: 20,
      consultedWith: '财政局',
      reason: '上级督办',
    });
  });

  it('keeps what it cannot read for a clear message', () => {
    expect(parseOneLineTopic(['x', '审查:公告', '时长:半小时'])).toMatchObject({ legalTyped: '公告', minutesTyped: '半小时' });
    expect(parseOneLineTopic(['x', '审查:不需要']).legal).toBeUndefined();
    // An unknown key is part of the title (a title may hold a colon).
    expect(parseOneLineTopic(['议题：城区停车', '类型:常务会']).title).toBe('议题：城区停车');
  });
});

describe('materials', () => {
  it('takes Feishu document links only, at most five, and rebuilds the link', () => {
    const ok = parseMaterialLinks('https://X.feishu.cn/docx/AbCdEfGhIjKlMnOp1234?from=a，https://x.feishu.cn/docx/AbCdEfGhIjKlMnOp1234');
    expect(ok).toEqual({ ok: true, links: [{ token: 'AbCdEfGhIjKlMnOp1234', url: 'https://x.feishu.cn/docx/AbCdEfGhIjKlMnOp1234' }] });
    expect(parseMaterialLinks('https://example.com/a.pdf')).toMatchObject({ ok: false, error: expect.stringContaining('须为飞书文档链接') });
    const six = Array.from({ length: 6 }, (_, i) => `https://x.feishu.cn/docx/AbCdEfGhIjKlMnOp123${i}`).join(' ');
    expect(parseMaterialLinks(six)).toEqual({ ok: false, error: '汇报材料最多 5 份，请合并后提交。' });
  });

  it('takes links on Feishu/Lark document hosts only, and says which host was refused', () => {
    for (const host of ['gov.feishu.cn', 'acme.larksuite.com', 'x.larkoffice.com', 'y.feishu.net'])
      expect(parseMaterialLinks(`https://${host}/docx/AbCdEfGhIjKlMnOp1234`)).toEqual({
        ok: true,
        links: [{ token: 'AbCdEfGhIjKlMnOp1234', url: `https://${host}/docx/AbCdEfGhIjKlMnOp1234` }],
      });
    for (const host of ['evil.example.com', 'feishu.cn.evil.com', 'notfeishu.cn', 'feishu.cn', 'x.feishu.com']) {
      const r = parseMaterialLinks(`https://${host}/docx/AbCdEfGhIjKlMnOp1234`);
      expect(r).toEqual({ ok: false, error: expect.stringContaining(`「${host}」不是飞书文档地址`) });
    }
    // A refused host anywhere refuses the whole field.
    expect(parseMaterialLinks('https://x.feishu.cn/docx/AbCdEfGhIjKlMnOp1234 https://evil.example.com/wiki/AbCdEfGhIjKlMnOp1234').ok).toBe(false);
  });

  it('counts characters without whitespace against the 3000-character limit', () => {
    expect(countChars('第一条 总则\n第二条')).toBe(8);
    expect(overLength('办法', 3000)).toBeUndefined();
    expect(overLength('办法', 3001)).toBe('汇报材料「办法」共 3001 字，超过 3000 字的篇幅要求，请精简后重新提交。');
  });
});

describe('due day and 临时议题', () => {
  const calendar = new WorkCalendar();
  it('a Monday meeting: topics due the Thursday before; across 国庆 and its make-up day', () => {
    expect(topicDueDate(calendar, new Date('2026-12-07T09:00:00+08:00'), 2)).toBe('2026-12-03');
    expect(isLate(calendar, new Date('2026-12-03T17:00:00+08:00'), new Date('2026-12-07T09:00:00+08:00'), 2)).toBe(false);
    expect(isLate(calendar, new Date('2026-12-04T08:00:00+08:00'), new Date('2026-12-07T09:00:00+08:00'), 2)).toBe(true);
    // A Thursday 2026-10-08 meeting: 10-01…10-07 is the holiday, so the due day is Tuesday 9-29.
    expect(topicDueDate(calendar, new Date('2026-10-08T09:00:00+08:00'), 2)).toBe('2026-09-29');
    // A Monday 2026-10-12 meeting: Saturday 10-10 is a make-up working day, so the due day is Friday 10-09.
    expect(topicDueDate(calendar, new Date('2026-10-12T09:00:00+08:00'), 2)).toBe('2026-10-09');
  });

  it('matches a meeting type by code, name or alias, active only', () => {
    const types = [
      { code: '常务会', name: '县政府常务会议', aliases: '["常务会议"]', active: true },
      { code: '党组会', name: '县政府党组会议', aliases: '[]', active: false },
    ];
    expect(matchMeetingType(types, '常务会议')?.code).toBe('常务会');
    expect(matchMeetingType(types, ' 县政府常务会议 ')?.code).toBe('常务会');
    expect(matchMeetingType(types, '党组会')).toBeUndefined();
    expect(matchMeetingType(types, '常委会')).toBeUndefined();
  });
});
