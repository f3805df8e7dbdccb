import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../platform/time.js';
import { DEFAULT_SCORE_SCHEME, type ScoreScheme } from '../../settings.js';
import { competitionRanks, isFirstWorkingDayOfMonth, previousMonth, scoreTotals, unitScores, writerScores, type UnitMonth } from './scoring.js';

const month = (unitId: string, o: Partial<UnitMonth> = {}): UnitMonth => ({
  unitId,
  unit: `单位${unitId}`,
  due: 5,
  reported: 5,
  zero: 0,
  missed: 0,
  late: 0,
  notes: 5,
  ...o,
});
const scheme: ScoreScheme = { points: { own: 1, city_daily: 3, province_daily: 5, special: 5, instruction: 10 }, missed: 2, late: 1 };

describe('monthly scores', () => {
  it('adds points per adoption level and deducts per 漏报 and 迟报 day', () => {
    const [a] = unitScores(
      [month('a', { reported: 3, missed: 2, late: 1 })],
      [
        { unitId: 'a', writerId: 'p1', writerName: '张三', level: 'city_daily' },
        { unitId: 'a', writerId: 'p1', writerName: '张三', level: 'instruction' },
        { unitId: 'a', writerId: 'p2', writerName: '李四', level: 'own' },
        { unitId: 'a', writerId: 'p2', writerName: '李四', level: 'unknown' },
      ],
      scheme,
    );
    expect(a!.adoptions).toEqual({ own: 1, city_daily: 1, province_daily: 0, special: 0, instruction: 1 });
    expect([a!.gained, a!.deducted, a!.total]).toEqual([14, 5, 9]);
  });

  it('follows the configured scheme', () => {
    const [a] = unitScores([month('a', { missed: 1 })], [{ unitId: 'a', writerId: '', writerName: '', level: 'province_daily' }], {
      ...DEFAULT_SCORE_SCHEME,
      points: { ...DEFAULT_SCORE_SCHEME.points, province_daily: 8 },
      missed: 5,
    });
    expect(a!.total).toBe(3);
  });

  it('ranks by total with ties sharing the better rank, the office order breaking ties', () => {
    const lines = unitScores(
      [month('a'), month('b', { missed: 1 }), month('c'), month('d')],
      [
        { unitId: 'c', writerId: 'x', writerName: '王五', level: 'city_daily' },
        { unitId: 'd', writerId: 'y', writerName: '赵六', level: 'city_daily' },
      ],
      scheme,
    );
    expect(lines.map((l) => [l.unitId, l.total, l.rank])).toEqual([
      ['c', 3, 1],
      ['d', 3, 1],
      ['a', 0, 3],
      ['b', -2, 4],
    ]);
    expect(competitionRanks([5, 7, 5, 1])).toEqual([2, 1, 2, 4]);
    expect(scoreTotals(lines)).toMatchObject({ units: 4, missed: 1, adoptions: { city_daily: 2 } });
  });

  it('scores writers by their adoptions, by person and else by name', () => {
    const w = writerScores(
      [
        { unitId: 'a', writerId: 'p1', writerName: '张三', level: 'own' },
        { unitId: 'a', writerId: 'p1', writerName: '张三', level: 'special' },
        { unitId: 'b', writerId: '', writerName: '李四', level: 'city_daily' },
      ],
      new Map([
        ['a', '城关镇'],
        ['b', '县教育局'],
      ]),
      scheme,
    );
    expect(w.map((x) => [x.writer, x.unit, x.gained, x.rank])).toEqual([
      ['张三', '城关镇', 6, 1],
      ['李四', '县教育局', 3, 2],
    ]);
  });

  it('finds the first working day of a month and the month before', () => {
    const off = new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08']);
    const working = (d: string) => !off.has(d) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(isFirstWorkingDayOfMonth('2026-10-09', working, addDays)).toBe(true);
    expect(isFirstWorkingDayOfMonth('2026-10-12', working, addDays)).toBe(false);
    expect(isFirstWorkingDayOfMonth('2026-12-01', working, addDays)).toBe(true);
    expect(isFirstWorkingDayOfMonth('2026-11-01', working, addDays)).toBe(false);
    expect(isFirstWorkingDayOfMonth('2026-11-02', working, addDays)).toBe(true);
    expect([previousMonth('2026-12'), previousMonth('2027-01')]).toEqual(['2026-11', '2026-12']);
  });
});
