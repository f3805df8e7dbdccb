import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../calendar/work-calendar.js';
import { BotError } from '../../errors.js';
import { DATE_FORMS, PhraseError, parseDatePhrase, type DateForm } from './index.js';

const calendar = new WorkCalendar();
const MON = '2026-11-23'; // a Monday

/** [phrase, today, date, understood, form?, working?] — 2026 holidays and make-up days (01-04, 02-14, 02-28, 05-09, 09-20, 10-10) included. */
type Row = [string, string, string, string, DateForm?, boolean?];
const rows: Row[] = [
  // Exact dates, however typed
  ['2026-12-18', MON, '2026-12-18', '12月18日（周五）', 'exact'],
  ['2026/12/18', MON, '2026-12-18', '12月18日（周五）', 'exact'],
  ['2026.12.18', MON, '2026-12-18', '12月18日（周五）', 'exact'],
  ['2026年12月18日', MON, '2026-12-18', '12月18日（周五）', 'exact'],
  ['2026年12月18号', MON, '2026-12-18', '12月18日（周五）', 'exact'],
  ['2026-12-18 +0800', MON, '2026-12-18', '12月18日（周五）', 'exact'], // a date picker's value
  ['２０２６－１２－１８', MON, '2026-12-18', '12月18日（周五）', 'exact'],
  [' 2026 年 12 月 18 日 ', MON, '2026-12-18', '12月18日（周五）', 'exact'],
  ['二〇二六年十二月十八日', MON, '2026-12-18', '12月18日（周五）', 'exact'],
  ['2026-3-5', MON, '2026-03-05', '3月5日（周四）', 'exact'],
  ['2026-12-18前', MON, '2026-12-18', '12月18日（周五）', 'exact'],
  ['2027-01-05', MON, '2027-01-05', '2027年1月5日（周二）', 'exact'],
  ['2028-02-29', MON, '2028-02-29', '2028年2月29日（周二）', 'exact'],
  ['2026-10-01', MON, '2026-10-01', '10月1日（周四，国庆节假期）', 'exact', false],
  ['2026-01-04', MON, '2026-01-04', '1月4日（周日，调休上班）', 'exact', true],
  ['2026年2月28日', MON, '2026-02-28', '2月28日（周六，调休上班）', 'exact', true],
  ['2026/5/9', MON, '2026-05-09', '5月9日（周六，调休上班）', 'exact', true],
  ['2026.9.20', MON, '2026-09-20', '9月20日（周日，调休上班）', 'exact', true],
  ['2026-06-19', MON, '2026-06-19', '6月19日（周五，端午假期）', 'exact', false],
  // Month and day: this year, or next year once past
  ['12月18日', MON, '2026-12-18', '12月18日（周五）', 'month_day'],
  ['12.18', MON, '2026-12-18', '12月18日（周五）', 'month_day'],
  ['12/18', MON, '2026-12-18', '12月18日（周五）', 'month_day'],
  ['12月18号', MON, '2026-12-18', '12月18日（周五）', 'month_day'],
  ['12月18', MON, '2026-12-18', '12月18日（周五）', 'month_day'],
  ['十二月十八日', MON, '2026-12-18', '12月18日（周五）', 'month_day'],
  ['12月18日前', MON, '2026-12-18', '12月18日（周五）', 'month_day'],
  ['12月18日之前', MON, '2026-12-18', '12月18日（周五）', 'month_day'],
  ['11月23日', MON, '2026-11-23', '11月23日（周一）', 'month_day'],
  ['1月5日', MON, '2027-01-05', '2027年1月5日（周二）', 'month_day'],
  ['11月20日', MON, '2027-11-20', '2027年11月20日（周六）', 'month_day'],
  ['10月2日', '2026-09-01', '2026-10-02', '10月2日（周五，国庆节假期）', 'month_day', false],
  ['10.10', '2026-09-01', '2026-10-10', '10月10日（周六，调休上班）', 'month_day', true],
  ['2月14日', '2026-01-10', '2026-02-14', '2月14日（周六，调休上班）', 'month_day', true],
  ['2月17日', '2026-01-10', '2026-02-17', '2月17日（周二，春节假期）', 'month_day', false],
  ['5月1日', '2026-04-20', '2026-05-01', '5月1日（周五，劳动节假期）', 'month_day', false],
  ['9月26日', '2026-09-01', '2026-09-26', '9月26日（周六，中秋假期）', 'month_day', false],
  ['4月5日', '2026-03-20', '2026-04-05', '4月5日（周日，清明假期）', 'month_day', false],
  // A day of this month (next month once past)
  ['30日', MON, '2026-11-30', '11月30日（周一）', 'day_of_month'],
  ['本月30日', MON, '2026-11-30', '11月30日（周一）', 'day_of_month'],
  ['18号', MON, '2026-12-18', '12月18日（周五）', 'day_of_month'],
  ['三十号', MON, '2026-11-30', '11月30日（周一）', 'day_of_month'],
  // Today and the next days
  ['今天', MON, '2026-11-23', '11月23日（周一）', 'relative_day'],
  ['今日', MON, '2026-11-23', '11月23日（周一）', 'relative_day'],
  ['明天', MON, '2026-11-24', '11月24日（周二）', 'relative_day'],
  ['明日', MON, '2026-11-24', '11月24日（周二）', 'relative_day'],
  ['后天', MON, '2026-11-25', '11月25日（周三）', 'relative_day'],
  ['大后天', MON, '2026-11-26', '11月26日（周四）', 'relative_day'],
  ['今天', '2026-10-01', '2026-10-01', '10月1日（周四，国庆节假期）', 'relative_day', false],
  ['明天', '2026-04-30', '2026-05-01', '5月1日（周五，劳动节假期）', 'relative_day', false],
  // Weekdays: an office week runs Monday to Sunday
  ['本周五', MON, '2026-11-27', '11月27日（周五）', 'weekday'],
  ['这周五', MON, '2026-11-27', '11月27日（周五）', 'weekday'],
  ['周五', MON, '2026-11-27', '11月27日（周五）', 'weekday'],
  ['星期五', MON, '2026-11-27', '11月27日（周五）', 'weekday'],
  ['下周五', MON, '2026-12-04', '12月4日（周五）', 'weekday'],
  ['下周一', MON, '2026-11-30', '11月30日（周一）', 'weekday'],
  ['下下周一', MON, '2026-12-07', '12月7日（周一）', 'weekday'],
  ['下个星期三', MON, '2026-12-02', '12月2日（周三）', 'weekday'],
  ['本周日', MON, '2026-11-29', '11月29日（周日）', 'weekday'],
  ['星期天', MON, '2026-11-29', '11月29日（周日）', 'weekday'],
  ['礼拜三', MON, '2026-11-25', '11月25日（周三）', 'weekday'],
  ['周五', '2026-11-28', '2026-12-04', '12月4日（周五）', 'weekday'], // Saturday: this Friday is gone
  ['本周五', '2026-11-28', '2026-11-27', '11月27日（周五）', 'weekday'], // said so: past, the caller decides
  ['下周一', '2026-11-29', '2026-11-30', '11月30日（周一）', 'weekday'], // Sunday still belongs to this week
  ['下周五', '2026-09-24', '2026-10-02', '10月2日（周五，国庆节假期）', 'weekday', false],
  ['下周六', '2026-10-01', '2026-10-10', '10月10日（周六，调休上班）', 'weekday', true],
  ['下周五', '2026-06-12', '2026-06-19', '6月19日（周五，端午假期）', 'weekday', false],
  ['本周日', '2026-09-14', '2026-09-20', '9月20日（周日，调休上班）', 'weekday', true],
  ['下周五前', MON, '2026-12-04', '12月4日（周五）', 'weekday'],
  // Month ends: the month's last (first) working day
  ['月底', MON, '2026-11-30', '11月30日（周一）', 'month_edge'],
  ['本月底', MON, '2026-11-30', '11月30日（周一）', 'month_edge'],
  ['月末', MON, '2026-11-30', '11月30日（周一）', 'month_edge'],
  ['下月初', MON, '2026-12-01', '12月1日（周二）', 'month_edge'],
  ['下月底', MON, '2026-12-31', '12月31日（周四）', 'month_edge'],
  ['下个月底', MON, '2026-12-31', '12月31日（周四）', 'month_edge'],
  ['年底', MON, '2026-12-31', '12月31日（周四）', 'month_edge'],
  ['月底', '2026-10-12', '2026-10-30', '10月30日（周五）', 'month_edge'], // 10-31 is a Saturday
  ['下月初', '2026-09-15', '2026-10-08', '10月8日（周四）', 'month_edge'], // 10-01…07 国庆
  ['月底', '2026-02-10', '2026-02-28', '2月28日（周六，调休上班）', 'month_edge', true],
  ['下月初', '2026-04-20', '2026-05-06', '5月6日（周三）', 'month_edge'], // 05-01…05 劳动节
  // Working days, counted from the next working day
  ['3个工作日', '2026-09-30', '2026-10-10', '10月10日（周六，调休上班）', 'working_days', true],
  ['三个工作日', '2026-09-30', '2026-10-10', '10月10日（周六，调休上班）', 'working_days', true],
  ['10个工作日', '2026-09-30', '2026-10-20', '10月20日（周二）', 'working_days'],
  ['3个工作日', MON, '2026-11-26', '11月26日（周四）', 'working_days'],
  ['5个工作日', MON, '2026-11-30', '11月30日（周一）', 'working_days'],
  ['十个工作日', MON, '2026-12-07', '12月7日（周一）', 'working_days'],
  ['十五个工作日', MON, '2026-12-14', '12月14日（周一）', 'working_days'],
  ['二十个工作日', MON, '2026-12-21', '12月21日（周一）', 'working_days'],
  ['两个工作日', MON, '2026-11-25', '11月25日（周三）', 'working_days'],
  ['3个工作日内', MON, '2026-11-26', '11月26日（周四）', 'working_days'],
  ['3 个工作日', MON, '2026-11-26', '11月26日（周四）', 'working_days'],
  ['1个工作日', '2026-09-25', '2026-09-28', '9月28日（周一）', 'working_days'], // given on 中秋
  ['2个工作日', '2026-02-13', '2026-02-24', '2月24日（周二）', 'working_days'], // 02-14 counts, 春节 does not
  ['1个工作日', '2026-01-03', '2026-01-04', '1月4日（周日，调休上班）', 'working_days', true],
  ['3个工作日', '2026-04-30', '2026-05-08', '5月8日（周五）', 'working_days'],
  ['5个工作日', '2026-04-30', '2026-05-11', '5月11日（周一）', 'working_days'], // 05-09 counts
  ['3个工作日', '2026-09-17', '2026-09-21', '9月21日（周一）', 'working_days'], // 09-20 counts
  // Calendar days
  ['10天', MON, '2026-12-03', '12月3日（周四）', 'days'],
  ['十天', MON, '2026-12-03', '12月3日（周四）', 'days'],
  ['三十天内', MON, '2026-12-23', '12月23日（周三）', 'days'],
  ['7天后', MON, '2026-11-30', '11月30日（周一）', 'days'],
  ['10日内', MON, '2026-12-03', '12月3日（周四）', 'days'],
  ['3天', '2026-09-29', '2026-10-02', '10月2日（周五，国庆节假期）', 'days', false],
];

describe('date phrases', () => {
  it('has a table of at least 80 phrases', () => expect(rows.length).toBeGreaterThanOrEqual(80));

  it.each(rows)('「%s」 on %s → %s, understood as %s', (phrase, today, date, understood, form, working) => {
    const r = parseDatePhrase(phrase, { today, calendar });
    expect(r.date).toBe(date);
    expect(r.understood).toBe(understood);
    if (form) expect(r.form).toBe(form);
    expect(r.working).toBe(working ?? calendar.isWorkingDay(date));
    expect(r.understood).not.toMatch(/（[^）]*（/); // never nested parentheses
  });

  it('names the holiday of a day off and says how a relative phrase was counted', () => {
    expect(parseDatePhrase('下周五', { today: '2026-09-24', calendar })).toMatchObject({ holidayName: '国庆节', working: false });
    expect(parseDatePhrase('三个工作日', { today: '2026-09-30', calendar }).basis).toBe('今天起第3个工作日');
    expect(parseDatePhrase('月底', { today: '2026-10-12', calendar }).basis).toBe('本月最后一个工作日');
    expect(parseDatePhrase('周五', { today: '2026-11-28', calendar }).basis).toBe('本周五已过，按下周五');
    expect(parseDatePhrase('1月5日', { today: MON, calendar }).basis).toBe('今年该日已过，按明年');
  });

  it("follows the admins' overrides of the calendar", () => {
    const withOverride = new WorkCalendar([['2026-11-27', { kind: 'holiday', name: '县庆' }]]);
    expect(parseDatePhrase('本周五', { today: MON, calendar: withOverride })).toMatchObject({ understood: '11月27日（周五，县庆假期）', working: false });
    expect(parseDatePhrase('4个工作日', { today: MON, calendar: withOverride }).date).toBe('2026-11-30');
  });
});

/** [phrase, today, reason, what the message must say] */
const refused: [string, string, PhraseError['reason'], RegExp][] = [
  ['2026年13月1日', MON, 'invalid_date', /「2026年13月1日」不是有效日期：月份应为 1 至 12/],
  ['2026-00-10', MON, 'invalid_date', /月份应为 1 至 12/],
  ['2月30日', '2026-01-10', 'invalid_date', /「2月30日」不是有效日期：2026年2月只有28天/],
  ['2026-02-29', MON, 'invalid_date', /2026年2月只有28天/],
  ['2026-04-31', MON, 'invalid_date', /2026年4月只有30天/],
  ['2026年12月0日', MON, 'invalid_date', /日应从 1 日起/],
  ['32号', MON, 'invalid_date', /日应为 1 至 31/],
  ['31号', MON, 'invalid_date', /2026年11月只有30天/], // this month's 31st is meant, and November has none
  ['下周', MON, 'unrecognised', /无法识别日期「下周」/],
  ['明年', MON, 'unrecognised', /无法识别/],
  ['尽快', MON, 'unrecognised', /无法识别/],
  ['3天前', MON, 'unrecognised', /无法识别/],
  ['一一三个工作日', MON, 'unrecognised', /无法识别日期「一一三个工作日」/],
  ['十十月一日', MON, 'invalid_date', /「十十」不是数字/],
  ['0个工作日', MON, 'out_of_range', /1 至 999 个工作日/],
  ['1000个工作日', MON, 'out_of_range', /1 至 999 个工作日/],
  ['0天', MON, 'out_of_range', /1 至 999 天/],
  ['', MON, 'unrecognised', /请填写日期/],
];

describe('refused date phrases', () => {
  it.each(refused)('「%s」 on %s → %s', (phrase, today, reason, message) => {
    let error: unknown;
    try {
      parseDatePhrase(phrase, { today, calendar });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PhraseError);
    expect(error).toBeInstanceOf(BotError); // a user error the router answers as it is
    expect((error as PhraseError).code).toBe('bad_input');
    expect((error as PhraseError).reason).toBe(reason);
    expect((error as PhraseError).userMessage).toMatch(message);
  });

  it('lists every accepted form, with examples, when a phrase is not understood or not a date', () => {
    for (const phrase of ['下周', '2026年13月1日']) {
      const message = (() => {
        try {
          parseDatePhrase(phrase, { today: MON, calendar, label: '期限' });
        } catch (e) {
          return (e as PhraseError).userMessage;
        }
        return '';
      })();
      expect(message).toContain('期限');
      for (const form of DATE_FORMS) expect(message).toContain(form);
    }
  });
});
