import { z } from 'zod';
import { checkCron, emptyToUndefined, smallNumbers, type ConfigContext } from './shared.js';

/** 督查督办: the daily chase, the weekly 通报, reminders before the deadline and the overdue ladder. */
export const supervisionShape = {
  SUPERVISION_CHASE_CRON: z.preprocess(emptyToUndefined, z.string().default('0 9 * * *')),
  SUPERVISION_REPORT_CRON: z.preprocess(emptyToUndefined, z.string().default('30 9 * * 1')),
  SUPERVISION_REMIND_BEFORE: z.preprocess(emptyToUndefined, z.string().default('3,1,0')),
  SUPERVISION_ESCALATION: z.preprocess(emptyToUndefined, z.string().default('1,3,5')),
};
type SupervisionRaw = z.infer<z.ZodObject<typeof supervisionShape>>;

export interface SupervisionSettings {
  /** When the daily chase runs (working days only). */
  chaseCron: string;
  /** When the weekly 通报 is posted to the 督查 group. */
  reportCron: string;
  /** Working days before the deadline to remind (0 = the day itself). */
  remindBefore: number[];
  /** Overdue working day to tell the person and liaison; to escalate to the leader and group; then repeat every N. */
  firstOverdue: number;
  escalateAt: number;
  repeatEvery: number;
}

export function readSupervision(c: SupervisionRaw, ctx: ConfigContext): SupervisionSettings {
  const remindBefore = smallNumbers(ctx, 'SUPERVISION_REMIND_BEFORE', c.SUPERVISION_REMIND_BEFORE);
  const [firstOverdue = 1, escalateAt = 3, repeatEvery = 5] = smallNumbers(ctx, 'SUPERVISION_ESCALATION', c.SUPERVISION_ESCALATION, 3);
  if (firstOverdue < 1 || escalateAt < firstOverdue || repeatEvery < 1)
    ctx.problems.push('SUPERVISION_ESCALATION: needs 1 ≤ first overdue day ≤ escalation day, and a repeat interval ≥ 1');
  checkCron(ctx, 'SUPERVISION_CHASE_CRON', c.SUPERVISION_CHASE_CRON);
  checkCron(ctx, 'SUPERVISION_REPORT_CRON', c.SUPERVISION_REPORT_CRON);
  return { chaseCron: c.SUPERVISION_CHASE_CRON, reportCron: c.SUPERVISION_REPORT_CRON, remindBefore, firstOverdue, escalateAt, repeatEvery };
}
