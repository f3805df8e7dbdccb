import type { Rng } from '../../../drills/support/prng.js';
import type { Actor, Day } from '../month.js';
import type { SimOffice } from '../office.js';
import { SIM_UNITS, type SimUnit } from './units.js';

/**
 * 督查督办: the 督查科 enters ~30 items over the month in the 督查工作群 (deadlines in working days, so some
 * run over 中秋 and 国庆); each unit's liaison signs, reports progress and asks to close — on time, late, or
 * never (those the chase ladder escalates to the leader in charge); the 督查科 closes what is asked.
 */
export type Fate = 'on_time' | 'late' | 'never';

export interface PlannedItem {
  key: number;
  unit: SimUnit;
  title: string;
  workingDays: number;
  createdOn: number;
  fate: Fate;
  number?: string;
  deadline?: string;
  /** Working-day index on which the liaison asks to close (none for 'never'). */
  closeOn?: number;
  signedOn?: number;
}

const TASKS = [
  '推进老旧小区改造项目',
  '做好秋冬季安全生产隐患排查',
  '落实耕地保护专项整治',
  '完成重点项目用地报批',
  '整改信访突出问题',
  '推进义务教育薄弱环节改善',
  '落实河湖长制巡查',
  '完成农村公路养护工程',
  '化解拖欠企业账款',
  '开展燃气安全专项整治',
];

export function supervisionActor(
  office: SimOffice,
  rng: Rng,
  o: { items: number; workingDays: number; dayIndexOf: (date: string) => number },
): Actor & {
  items: PlannedItem[];
  /** An item the bot created elsewhere (a meeting's 议定事项): its unit's liaison handles it like the others. */
  adopt(number: string, today: number): Promise<void>;
} {
  const items: PlannedItem[] = [];
  for (let k = 0; k < o.items; k++) {
    const fate: Fate = rng.chance(0.6) ? 'on_time' : rng.chance(0.6) ? 'late' : 'never';
    items.push({
      key: k,
      unit: rng.pick(SIM_UNITS),
      title: `${rng.pick(TASKS)}（第${k + 1}项）`,
      workingDays: rng.int(3, 8),
      createdOn: Math.floor((k * Math.max(1, o.workingDays - 2)) / o.items),
      fate,
    });
  }
  const group = office.chat('督查工作群');
  const prisma = office.app.db.prisma;

  const create = async (it: PlannedItem) => {
    await office.say('supervisor', `督办 新建 ${it.title} 单位:${it.unit.name} 领导:${it.unit.leaderName} 期限:${it.workingDays}个工作日`, group);
    const row = await prisma.supervisionItem.findFirst({ where: { content: it.title } });
    if (!row) throw new Error(`督办 新建 did not create 「${it.title}」`);
    it.number = row.number;
    it.deadline = row.deadline;
    const due = o.dayIndexOf(row.deadline);
    if (it.fate === 'on_time') it.closeOn = Math.max(it.createdOn + 1, due - rng.int(0, 2));
    if (it.fate === 'late') it.closeOn = due + rng.int(1, 3);
  };

  return {
    name: '督办',
    items,
    async adopt(number, today) {
      const row = await prisma.supervisionItem.findUniqueOrThrow({ where: { number } });
      const unitRow = await prisma.unit.findUniqueOrThrow({ where: { id: row.unitId } });
      const unit = SIM_UNITS.find((u) => u.name === unitRow.name);
      if (!unit) return;
      const due = o.dayIndexOf(row.deadline);
      items.push({
        key: items.length,
        unit,
        title: row.content,
        workingDays: 0,
        createdOn: today,
        fate: 'on_time',
        number,
        deadline: row.deadline,
        closeOn: Math.max(today + 1, due - 1),
      });
    },
    async act(day: Day, moment: string) {
      if (!day.working) return;
      if (moment === '08:40') for (const it of items.filter((i) => i.createdOn === day.index)) await create(it);
      if (moment === '09:20') {
        for (const it of items.filter((i) => i.number && i.signedOn === undefined && i.createdOn <= day.index)) {
          // Most sign on the day; a 'never' unit signs late or not at all.
          if (it.fate === 'never' && !rng.chance(0.3)) continue;
          const r = await office.click(it.unit.liaison, office.dm(it.unit.liaison), '签收', { has: it.number });
          if (r.ok) it.signedOn = day.index;
        }
      }
      if (moment === '15:00') {
        for (const it of items.filter((i) => i.signedOn !== undefined && i.signedOn < day.index && i.closeOn !== undefined && i.closeOn > day.index)) {
          if (!rng.chance(0.3)) continue;
          const dm = office.dm(it.unit.liaison);
          const opened = await office.click(it.unit.liaison, dm, '反馈进展', { has: it.number });
          const form = opened.ok ? office.cardWith(dm, '提交进展', it.number) : undefined;
          if (form)
            await office.click(it.unit.liaison, dm, '提交进展', {
              messageId: form.messageId,
              formValue: { done: '按计划推进，完成阶段性任务', percent: String(rng.pick([30, 50, 70])), next: '继续推进' },
            });
        }
      }
      if (moment === '10:30') {
        for (const it of items.filter((i) => i.closeOn === day.index && i.signedOn !== undefined)) {
          const dm = office.dm(it.unit.liaison);
          const opened = await office.click(it.unit.liaison, dm, '申请办结', { has: it.number });
          const form = opened.ok ? office.cardWith(dm, '提交办结申请', it.number) : undefined;
          if (form)
            await office.click(it.unit.liaison, dm, '提交办结申请', {
              messageId: form.messageId,
              formValue: { result: `${it.title}已完成，经核查达到工作标准` },
            });
        }
      }
      if (moment === '11:30') {
        for (const it of items.filter((i) => i.closeOn === day.index)) await office.click('supervisor', group, '销号', { has: it.number });
      }
    },
  };
}
