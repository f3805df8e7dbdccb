import { describe, expect, it } from 'vitest';
import { BotError } from '../../../errors.js';
import { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { DATE_FORMS } from '../../../platform/phrases/index.js';
import { parseDeadline } from './deadline.js';

const cal = new WorkCalendar();
const MON = '2026-11-23';

function refusal(text: string, today = MON): string {
  try {
    parseDeadline(text, today, cal);
  } catch (e) {
    expect(e).toBeInstanceOf(BotError);
    expect((e as BotError).code).toBe('bad_input');
    return (e as BotError).userMessage;
  }
  throw new Error(`「${text}」 was accepted`);
}

/** [typed, today, deadline, confirmation (undefined when the full date was typed)] */
const accepted: [string, string, string, string | undefined][] = [
  ['下周五', MON, '2026-12-04', '完成时限：12月4日（周五），系按「下周五」推算；如有误，请撤销后重新立项。'],
  ['12月18日', MON, '2026-12-18', '完成时限：12月18日（周五），系按「12月18日」推算；如有误，请撤销后重新立项。'],
  ['三个工作日', MON, '2026-11-26', '完成时限：11月26日（周四），系按「三个工作日」推算；如有误，请撤销后重新立项。'],
  ['3个工作日', '2026-09-30', '2026-10-10', '完成时限：10月10日（周六，调休上班），系按「3个工作日」推算；如有误，请撤销后重新立项。'],
  ['1月5日', MON, '2027-01-05', '完成时限：2027年1月5日（周二），系按「1月5日」推算；如有误，请撤销后重新立项。'],
  ['2026-12-18', MON, '2026-12-18', undefined],
  ['2026-12-18 +0800', MON, '2026-12-18', undefined], // the 立项 form's date picker
  ['2026年10月10日', '2026-09-01', '2026-10-10', undefined], // a make-up Saturday is a working day
];

describe('supervision deadlines on the shared phrase parser', () => {
  it.each(accepted)('「%s」 on %s → %s', (typed, today, date, confirmation) => {
    const d = parseDeadline(typed, today, cal);
    expect(d.date).toBe(date);
    expect(d.confirmation).toBe(confirmation);
  });

  it('refuses 2026年13月1日 with the precise reason and the list of forms', () => {
    const message = refusal('2026年13月1日');
    expect(message).toContain('期限「2026年13月1日」不是有效日期：月份应为 1 至 12。');
    for (const form of DATE_FORMS) expect(message).toContain(form);
  });

  it('offers every accepted form, not two, for a phrase it cannot read', () => {
    const message = refusal('过几天');
    expect(message).toContain('无法识别期限「过几天」');
    for (const example of ['2026-12-18', '12月18日', '明天', '下周五', '月底', '三个工作日']) expect(message).toContain(example);
  });

  it('refuses a 下周五 that lands on a holiday, naming it and the working days either side', () => {
    expect(refusal('下周五', '2026-09-24')).toBe('期限10月2日（周五，国庆节假期）不是工作日，请改为前后的工作日：9月30日（周三）或10月8日（周四）。');
  });

  it('suggests only the next working day when the one before is already past', () => {
    expect(refusal('明天', '2026-11-28')).toBe('期限11月29日（周日）不是工作日，请改为工作日：11月30日（周一）。');
  });

  it('refuses past dates, however typed', () => {
    expect(refusal('本周五', '2026-11-28')).toBe('期限11月27日（周五）早于今天，请重新填写。');
    expect(refusal('2026-11-20')).toBe('期限11月20日（周五）早于今天，请重新填写。');
  });

  it('never nests parentheses in what it says', () => {
    for (const text of ['下周五', '2026-11-29', '2026-10-02']) {
      for (const today of ['2026-09-24', MON]) {
        let message: string;
        try {
          message = parseDeadline(text, today, cal).confirmation ?? '';
        } catch (e) {
          message = (e as BotError).userMessage;
        }
        expect(message).not.toMatch(/（[^）]*（/);
      }
    }
  });
});
