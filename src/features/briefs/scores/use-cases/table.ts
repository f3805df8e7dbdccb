import type { FeatureDeps } from '../../../deps.js';
import { adoptionsOfMonth } from '../../repositories/adoptions.js';
import { briefSettings } from '../../settings.js';
import { loadMonth } from '../../board/use-cases/board.js';
import { unitScores, writerScores, type UnitScore, type WriterScore } from '../domain/scoring.js';

export interface MonthScores {
  month: string;
  units: UnitScore[];
  writers: WriterScore[];
}

/**
 * The month's scores: the board's month per unit (报送, 零报告, 漏报, 迟报 up to `now`) and the month's
 * adoptions (InfoAdoption.month), scored under the configured scheme.
 */
export async function loadScores(deps: FeatureDeps, month: string, now: Date): Promise<MonthScores> {
  const scheme = briefSettings(deps).scores;
  const [months, adoptions] = await Promise.all([loadMonth(deps, month, now), adoptionsOfMonth(deps.prisma, month)]);
  const names = new Map(months.map((m) => [m.unitId, m.unit]));
  return { month, units: unitScores(months, adoptions, scheme), writers: writerScores(adoptions, names, scheme) };
}
