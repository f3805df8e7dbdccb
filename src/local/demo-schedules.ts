import type { PrismaClient, Tx } from '../db/client.js';
import { loadWorkCalendar } from '../platform/calendar/calendar-repository.js';
import { addDays, beijingDate, type IsoDate } from '../platform/time.js';

/**
 * Two weeks of the demo leaders' entries from `today`, so that 日程 queries, the evening preview and the
 * morning broadcast have something to show: every working day each leader has a morning and an afternoon
 * entry (公开, 内部 or 不公开), 周县长's afternoon one still 拟定 (the preview asks 沈秘书 to confirm it),
 * 冯副县长 away for two days in the second week, and a 值班表 for every day off in the fortnight.
 * Seeded once: a database that already has entries keeps them.
 */
type Plan = [leader: string, start: number, end: number | null, activity: string, place: string, visibility: string, status?: string];

const DAY_PLANS: Plan[][] = [
  [
    ['head', 9 * 60, 11 * 60 + 30, '主持召开县政府常务会议', '三楼会议室', 'public'],
    ['head', 15 * 60, 17 * 60, '听取重点项目推进情况汇报', '二楼小会议室', 'internal', 'draft'],
    ['deputy1', 9 * 60, 11 * 60 + 30, '出席县政府常务会议', '三楼会议室', 'public'],
    ['deputy2', 14 * 60 + 30, 17 * 60, '调研城南片区老旧小区改造', '城南片区', 'public'],
    ['deputy3', 10 * 60, 11 * 60, '约谈有关负责人', '', 'private'],
  ],
  [
    ['head', 8 * 60 + 30, 12 * 60, '到东坝镇调研乡村振兴工作', '东坝镇', 'public'],
    ['head', 15 * 60, 16 * 60 + 30, '会见来访客商', '一楼接待室', 'private', 'draft'],
    ['deputy1', 15 * 60, 17 * 60, '主持财政预算执行分析会', '二楼小会议室', 'internal'],
    ['deputy3', 9 * 60, 11 * 60, '检查校园安全工作', '县第一中学', 'public'],
  ],
  [
    ['head', 9 * 60, 10 * 60 + 30, '接待群众来访', '县信访接待中心', 'public'],
    ['head', 14 * 60 + 30, 17 * 60, '听取安全生产工作专题汇报', '三楼会议室', 'internal', 'draft'],
    ['deputy2', 9 * 60, 11 * 60 + 30, '督导防汛备汛工作', '县水利局', 'public'],
  ],
];

export async function seedDemoSchedules(prisma: PrismaClient, today: IsoDate = beijingDate(new Date())): Promise<void> {
  if ((await prisma.scheduleEntry.count()) > 0) return;
  const calendar = await loadWorkCalendar(prisma);
  const people = await prisma.person.findMany({ where: { openId: { startsWith: 'ou_demo_' } }, select: { id: true, openId: true, name: true } });
  const byKey = new Map(people.map((p) => [p.openId!.slice('ou_demo_'.length), p]));
  const secretary = byKey.get('secretary1');
  await prisma.$transaction(async (tx: Tx) => {
    let n = 0;
    for (let i = 0; i < 14; i++) {
      const date = addDays(today, i);
      if (!calendar.isWorkingDay(date)) {
        await tx.dutyRoster.create({
          data: { date, leaderName: i % 2 ? '吴副县长' : '郑副县长', staff: '蒋科长、韩秘书', phone: '0000-1234567', createdBy: 'demo' },
        });
        continue;
      }
      for (const [key, start, end, activity, place, visibility, status] of DAY_PLANS[n++ % DAY_PLANS.length]!) {
        const leader = byKey.get(key);
        if (!leader) continue;
        await tx.scheduleEntry.create({
          data: {
            leaderId: leader.id,
            date,
            dayPart: 'exact',
            startMinute: start,
            endMinute: end,
            activity,
            place,
            visibility,
            status: status ?? 'confirmed',
            contact: secretary?.name ?? '',
            createdBy: 'demo',
          },
        });
      }
    }
    const away = byKey.get('deputy3');
    const start = calendar.workingDayOnOrAfter(addDays(today, 7));
    if (away)
      await tx.scheduleAway.create({
        data: { leaderId: away.id, startDate: start, endDate: addDays(start, 1), destination: '省教育厅', reason: '参加全省教育工作会议', createdBy: 'demo' },
      });
  });
}
