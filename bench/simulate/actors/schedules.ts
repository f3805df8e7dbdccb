import type { Rng } from '../../../drills/support/prng.js';
import { addDays, weekday, type IsoDate } from '../../../src/platform/time.js';
import type { Actor, Day } from '../month.js';
import type { SimOffice } from '../office.js';

/**
 * 领导日程: the secretaries keep eight leaders' days. Each working afternoon they enter the next working
 * day's activities (one line, then 确认 on the card), at 17:10 they confirm the evening preview (or not),
 * the 07:30 broadcast goes out, and on some mornings an activity is added to today after the broadcast
 * (a change notice). Before a day off, a leader's weekend activity (检查节日安全) is entered too.
 */
export const SIM_LEADERS: { key: string; name: string; secretary: string }[] = [
  { key: 'head', name: '周县长', secretary: 'secretary1' },
  { key: 'deputy1', name: '吴副县长', secretary: 'secretary2' },
  { key: 'deputy2', name: '郑副县长', secretary: 'secretary2' },
  { key: 'deputy3', name: '冯副县长', secretary: 'secretary2' },
  { key: 'deputy4', name: '孙副县长', secretary: 'secretary2' },
  { key: 'deputy5', name: '李副县长', secretary: 'secretary2' },
  { key: 'deputy6', name: '钱副县长', secretary: 'secretary2' },
  { key: 'deputy7', name: '何副县长', secretary: 'secretary2' },
];

const MORNING = [
  ['三楼会议室', '主持召开专题会议'],
  ['县政务服务中心', '调研政务服务工作'],
  ['二楼小会议室', '听取重点项目推进情况汇报'],
  ['县信访接待中心', '接待群众来访'],
] as const;
const AFTERNOON = [
  ['城南片区', '调研老旧小区改造'],
  ['县应急管理局', '检查安全生产工作'],
  ['一楼接待室', '会见来访客商'],
  ['二楼小会议室', '研究财政预算执行'],
] as const;

const md = (d: IsoDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function schedulesActor(office: SimOffice, rng: Rng): Actor & { tally: { entries: number; changes: number; weekend: number } } {
  const tally = { entries: 0, changes: 0, weekend: 0 };
  const cal = () => office.app.calendar.current();
  const add = async (secretary: string, line: string, marker: string) => {
    await office.say(secretary, line);
    const saved = await office.click(secretary, office.dm(secretary), '确认', { has: marker });
    // A clash with another entry (the same room) is shown first: 仍然保存 is the deliberate second click.
    if (!saved.ok) await office.click(secretary, office.dm(secretary), '仍然保存', { has: marker });
  };
  let n = 0;
  return {
    name: '领导日程',
    tally,
    async act(day: Day, moment: string) {
      if (!day.working) return;
      if (moment === '15:00') {
        const next = cal().nextWorkingDay(day.date);
        for (const l of SIM_LEADERS) {
          if (rng.chance(0.85)) {
            const [place, what] = rng.pick(MORNING);
            const activity = `${what}第${++n}场`;
            await add(l.secretary, `日程 新增 ${md(next)}上午9:00-11:30 ${l.name} ${place} ${activity}`, activity);
            tally.entries++;
          }
          if (rng.chance(0.6)) {
            const [place, what] = rng.pick(AFTERNOON);
            const activity = `${what}第${++n}场`;
            await add(l.secretary, `日程 新增 ${md(next)}下午3:00-5:00 ${l.name} ${place} ${activity}`, activity);
            tally.entries++;
          }
        }
        // A day off follows: one leader inspects on its first morning (a weekend activity, reminded on the day).
        const tomorrow = addDays(day.date, 1);
        if (!cal().isWorkingDay(tomorrow)) {
          const l = rng.pick(SIM_LEADERS);
          const activity = `检查节假日安全生产和值班值守工作第${++n}场`;
          await add(l.secretary, `日程 新增 ${md(tomorrow)}上午9:30-11:00 ${l.name} 县应急管理局 ${activity}`, activity);
          tally.weekend++;
          void weekday;
        }
      }
      if (moment === '17:10') {
        for (const secretary of ['secretary1', 'secretary2']) {
          if (rng.chance(0.85)) await office.click(secretary, office.dm(secretary), '确认无误');
        }
      }
      if (moment === '09:20' && rng.chance(0.45)) {
        // After the 07:30 broadcast: an activity added to today goes out as a change.
        const l = rng.pick(SIM_LEADERS);
        const activity = `参加临时召开的紧急会议第${++n}场`;
        await add(l.secretary, `日程 新增 今天下午5:00-5:30 ${l.name} 县政府常务会议室 ${activity}`, activity);
        tally.changes++;
      }
    },
  };
}
