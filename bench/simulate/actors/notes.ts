import type { Rng } from '../../../drills/support/prng.js';
import type { Actor, Day } from '../month.js';
import type { SimOffice } from '../office.js';
import { SIM_UNITS } from './units.js';

/**
 * 政务信息 from the units: every working day each liaison sends one to three notes, or a 零报告, or nothing
 * (then the 16:00 nudge and the 17:30 漏报); two 急情要事 in the month, one of them on a day off.
 */
const KINDS = ['工作动态', '典型经验', '问题建议', '工作动态', '领导思路'];
const TOPICS = ['秋冬季安全生产', '重点项目建设', '乡村振兴', '营商环境优化', '矛盾纠纷化解', '防汛抗旱', '民生实事'];

export interface NotesTally {
  notes: number;
  zero: number;
  silentUnitDays: number;
  urgent: number;
}

export function notesActor(office: SimOffice, rng: Rng, o: { urgentOn: { index: number; dayOff?: boolean }[] }): Actor & { tally: NotesTally } {
  const tally: NotesTally = { notes: 0, zero: 0, silentUnitDays: 0, urgent: 0 };
  let seq = 0;
  let dayOffSeen = 0;
  const plan = new Map<string, 'notes' | 'zero' | 'silent' | 'late'>();
  const note = (unit: string) => {
    seq++;
    const kind = rng.pick(KINDS);
    const topic = rng.pick(TOPICS);
    return `信息 报送 【${kind}】${unit}扎实推进${topic}工作，本周完成走访${rng.int(5, 60)}户，解决具体问题${rng.int(2, 20)}个（第${seq}条）。`;
  };
  const urgent = async (liaison: string, unit: string) => {
    await office.say(
      liaison,
      `信息 急报 今天${office.clock.now().getUTCHours() + 8}时，${unit}辖区一处仓库发生火情，消防救援队伍已赶赴现场处置，暂无人员伤亡。`,
    );
    tally.urgent++;
  };
  return {
    name: '信息报送',
    tally,
    async act(day: Day, moment: string) {
      if (!day.working) {
        const u = o.urgentOn.find((x) => x.dayOff && x.index === dayOffSeen);
        dayOffSeen++;
        if (u) await urgent(SIM_UNITS[2]!.liaison, SIM_UNITS[2]!.name);
        return;
      }
      if (moment === '08:40') {
        plan.clear();
        for (const u of SIM_UNITS) {
          const r = rng.next();
          plan.set(u.name, r < 0.72 ? 'notes' : r < 0.86 ? 'zero' : r < 0.94 ? 'late' : 'silent');
        }
      }
      for (const u of SIM_UNITS) {
        const p = plan.get(u.name);
        if (p === 'notes' && (moment === '09:20' || (moment === '15:00' && rng.chance(0.5)))) {
          await office.say(u.liaison, note(u.name));
          tally.notes++;
        }
        if (p === 'zero' && moment === '10:30') {
          await office.say(u.liaison, '信息 零报告');
          tally.zero++;
        }
        // Nudged at 16:00, then reports before the 17:30 close.
        if (p === 'late' && moment === '17:10') {
          await office.say(u.liaison, note(u.name));
          tally.notes++;
        }
        if (p === 'silent' && moment === '17:10') tally.silentUnitDays++;
      }
      if (moment === '16:20' && o.urgentOn.some((x) => !x.dayOff && x.index === day.index)) await urgent(SIM_UNITS[0]!.liaison, SIM_UNITS[0]!.name);
    },
  };
}
