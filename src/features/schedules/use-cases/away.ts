import { badInput } from '../../../errors.js';
import { parseDatePhrase } from '../../../platform/phrases/index.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, readDirectory, resolveLeader, type Actor, type MentionRef } from '../../org/index.js';
import { notifyAwayChanged } from '../changes.js';
import { awaysBetween, cancelAwayIf, insertAway } from '../repositories/aways.js';
import { todayOf } from './directory.js';
import { awayText } from './queries.js';

export const AWAY_EXAMPLE = '日程 外出 张县长 12月8日至12月10日 北京 参加全省工作会议';
export const AWAY_CANCEL_EXAMPLE = '日程 外出 取消 张县长 12月8日';

/**
 * 外出: a leader away on business, with destination and dates — shown on the broadcast and the queries in
 * place of 在单位办公. Kept by the leader's secretaries like the entries.
 */
export async function addAway(deps: FeatureDeps, actor: Actor, argv: readonly string[], mentions?: readonly MentionRef[]): Promise<string> {
  const [leaderText, datesText, destination, ...reason] = argv;
  if (!leaderText || !datesText || !destination) throw badInput(`请依次写明领导、日期和目的地，如「${AWAY_EXAMPLE}」。`);
  const dir = await readDirectory(deps.prisma);
  const leader = resolveLeader(dir, leaderText, { label: '领导', ...(mentions ? { mentions } : {}) });
  authorize(actor, 'schedule.keep', { leaderId: leader.id });
  const today = todayOf(deps);
  const cal = deps.calendar.current();
  const [fromText, toText = fromText] = datesText.split(/[至到~]/);
  const from = parseDatePhrase(fromText!, { today, calendar: cal, label: '外出开始日期' }).date;
  const to = parseDatePhrase(toText!, { today, calendar: cal, label: '外出结束日期' }).date;
  if (to < from) throw badInput(`外出结束日期应不早于开始日期，如「${AWAY_EXAMPLE}」。`);
  if (destination.length > 50) throw badInput('目的地不超过 50 字。');
  const r = reason.join(' ').slice(0, 200);
  const away = await deps.prisma.$transaction(async (tx) => {
    const a = await insertAway(tx, { leaderId: leader.id, startDate: from, endDate: to, destination, reason: r, createdBy: actor.openId });
    // Covering today after the broadcast: the morning cards show it (the broadcast side's listener).
    await notifyAwayChanged({ kind: 'filed', away: a, actor: actor.openId, at: deps.clock.now() }, tx);
    return a;
  });
  return `已登记外出：${leader.name} ${awayText(away, today, cal)}。外出期间的日程推送将显示外出信息。`;
}

/**
 * 外出 取消 <领导> <日期>: withdraws the leader's 外出 record covering that day (a compare-and-set on its
 * version: two withdrawals, one wins). The record stays in the table, marked withdrawn.
 */
export async function cancelAway(deps: FeatureDeps, actor: Actor, argv: readonly string[], mentions?: readonly MentionRef[]): Promise<string> {
  const [leaderText, dateText] = argv;
  if (!leaderText || !dateText) throw badInput(`请写明领导和外出期间的一天，如「${AWAY_CANCEL_EXAMPLE}」。`);
  const dir = await readDirectory(deps.prisma);
  const leader = resolveLeader(dir, leaderText, { label: '领导', ...(mentions ? { mentions } : {}) });
  authorize(actor, 'schedule.keep', { leaderId: leader.id });
  const today = todayOf(deps);
  const cal = deps.calendar.current();
  const date = parseDatePhrase(dateText, { today, calendar: cal, label: '日期' }).date;
  const found = await awaysBetween(deps.prisma, date, date, [leader.id]);
  if (!found.length) throw badInput(`未找到${leader.name}在该日的外出登记。`);
  const away = found[0]!;
  const at = deps.clock.now();
  const done = await deps.prisma.$transaction(async (tx) => {
    if (!(await cancelAwayIf(tx, away, at))) return false;
    await notifyAwayChanged({ kind: 'withdrawn', away: { ...away, version: away.version + 1 }, actor: actor.openId, at }, tx);
    return true;
  });
  if (!done) return '该外出登记刚被他人处理，请发送「日程 本周」查看最新情况。';
  return `已撤销外出登记：${leader.name} ${awayText(away, today, cal)}。`;
}
