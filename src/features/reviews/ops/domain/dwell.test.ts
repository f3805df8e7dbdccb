import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import { OfficeTime } from '../../../../platform/calendar/working-time.js';
import { formatDwell, median, percent } from './dwell.js';
import { DwellClock } from './dwell-clock.js';
import { dwellStats } from './summary.js';
import { parseErratum, parseMonth } from './errata.js';

const at = (s: string) => new Date(`${s}+08:00`);

describe('dwell', () => {
  it('is written as an office says it', () => {
    expect(formatDwell(40, 390)).toBe('40分钟');
    expect(formatDwell(200, 390)).toBe('3小时20分钟');
    expect(formatDwell(240, 390)).toBe('4小时');
    expect(formatDwell(390 * 2 + 185, 390)).toBe('2个工作日3小时');
    expect(formatDwell(390, 390)).toBe('1个工作日');
    expect(formatDwell(480, 390, { hours: true })).toBe('8小时');
  });

  it('the dwell clock agrees with the working-minute count, across days, weekends and holidays', () => {
    const office = new OfficeTime(new WorkCalendar());
    const now = at('2026-10-12T10:15:00');
    const clock = new DwellClock(office, now);
    for (const from of ['2026-10-12T09:00:00', '2026-10-09T16:30:00', '2026-09-28T12:30:00', '2026-09-30T08:00:00']) {
      expect(clock.since(at(from))).toBe(office.between('working', at(from), now));
    }
    // An arrival after `now` (a clock moved back) has held it for nothing, not for negative minutes.
    expect(clock.since(at('2026-10-12T11:00:00'))).toBe(0);
  });

  it('median, percent and per-level stats', () => {
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percent(7, 8)).toBe('87.5%');
    expect(percent(0, 0)).toBe('—');
    expect(
      dwellStats([
        { key: '科长', dwellMinutes: 100, limitMinutes: 240 },
        { key: '主任', dwellMinutes: 500, limitMinutes: 240 },
        { key: '科长', dwellMinutes: 300, limitMinutes: 240 },
      ]),
    ).toEqual([
      { name: '科长', count: 2, medianMinutes: 200, slowestMinutes: 300, onTime: 1 },
      { name: '主任', count: 1, medianMinutes: 500, slowestMinutes: 500, onTime: 0 },
    ]);
  });
});

describe('错文 input', () => {
  it('reads the document number, the error and the level', () => {
    expect(parseErratum(['县政办发〔2026〕12号', '第三段', '日期有误', '环节:科长'])).toEqual({
      ok: true,
      value: { docNumber: '县政办发〔2026〕12号', description: '第三段 日期有误', level: '科长' },
    });
    expect(parseErratum(['县政办发〔2026〕12号', '错字', '文稿：审〔2026〕3号'])).toMatchObject({ ok: true, value: { draftNumber: '审〔2026〕3号' } });
  });

  it('refuses what is missing or unknown, in Chinese', () => {
    expect(parseErratum([])).toMatchObject({ ok: false, error: expect.stringContaining('文号') });
    expect(parseErratum(['县政办发〔2026〕12号'])).toMatchObject({ ok: false, error: expect.stringContaining('错误内容') });
    expect(parseErratum(['县政办发〔2026〕12号', '错字', '环节:局长'])).toMatchObject({ ok: false, error: expect.stringContaining('无法识别环节') });
  });

  it('months', () => {
    expect(parseMonth(undefined, '2026-12-01')).toEqual({ ok: true, value: '2026-12' });
    expect(parseMonth('上月', '2026-01-05')).toEqual({ ok: true, value: '2025-12' });
    expect(parseMonth('11月', '2026-12-01')).toEqual({ ok: true, value: '2026-11' });
    expect(parseMonth('12月', '2026-03-01')).toEqual({ ok: true, value: '2025-12' });
    expect(parseMonth('2025年3月', '2026-12-01')).toEqual({ ok: true, value: '2025-03' });
    expect(parseMonth('13月', '2026-12-01')).toMatchObject({ ok: false });
  });
});
