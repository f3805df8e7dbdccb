import type { Rng } from '../../../drills/support/prng.js';
import type { Actor, Day } from '../month.js';
import type { SimOffice } from '../office.js';
import { SIM_UNITS } from './units.js';

/**
 * 会议议题: four 常务会 in the month. Three working days before each, two units 申报 a topic (one needing
 * 合法性审查); the leader in charge agrees the same day, 法制审查 passes it; two days before, 秘书科 creates
 * the meeting, puts both on the agenda and publishes it; on the day the meeting is recorded as held with
 * its outcomes and 议定事项 (each becomes a 督办 item); the 纪要 is drafted one to four working days later
 * and goes through 主任 审核 and the 县长's 签发 on the reviewers' desks.
 */
export interface PlannedMeeting {
  on: number;
  minutesOn: number;
  number?: string;
  topics: { unit: (typeof SIM_UNITS)[number]; number?: string; legal: boolean }[];
}

const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function meetingsActor(
  office: SimOffice,
  rng: Rng,
  o: { meetings: number; workingDays: number; dateOf: (index: number) => string; adoptItem: (number: string, today: number) => Promise<void> },
): Actor & { meetings: PlannedMeeting[] } {
  const prisma = office.app.db.prisma;
  const departments = SIM_UNITS.filter((u) => u.name.startsWith('县'));
  const meetings: PlannedMeeting[] = [];
  const gap = Math.floor((o.workingDays - 4) / Math.max(1, o.meetings));
  for (let m = 0; m < o.meetings; m++) {
    const on = 3 + m * gap;
    const a = rng.pick(departments);
    const b = rng.pick(departments.filter((u) => u !== a));
    // One 纪要 in four is drafted late (the 3-working-day rule is then missed and counted).
    meetings.push({
      on,
      minutesOn: on + (m === 2 ? 4 : rng.int(1, 2)),
      topics: [
        { unit: a, legal: true },
        { unit: b, legal: false },
      ],
    });
  }
  let seq = 0;
  return {
    name: '会议议题',
    meetings,
    async act(day: Day, moment: string) {
      if (!day.working) return;
      for (const m of meetings) {
        if (day.index === m.on - 3 && moment === '08:40') {
          for (const t of m.topics) {
            const liaison = office.person(t.unit.liaison);
            const title = `关于${t.unit.name}${t.legal ? '《管理办法（送审稿）》' : '重点工作推进情况'}的议题（${++seq}）`;
            const doc = office.fake.addDocument({ title, text: `${title}\n一、基本情况\n二、主要内容\n三、需研究的事项`, owner: liaison });
            await office.say(
              t.unit.liaison,
              `议题 申报 ${title} 类型:常务会 材料:${doc.url} 汇报人:${liaison.name}${t.legal ? ' 审查:规范性文件' : ''} 时长:20`,
            );
            t.number = (await prisma.topic.findFirst({ where: { title }, select: { number: true } }))?.number;
          }
        }
        if (day.index === m.on - 3 && moment === '10:30') {
          for (const t of m.topics) {
            if (!t.number) continue;
            await office.click(t.unit.leader, office.dm(t.unit.leader), '同意上会', { has: t.number, formValue: { opinion: '同意提交常务会议研究' } });
            if (t.legal) await office.click('legal', office.dm('legal'), '通过', { has: t.number, formValue: { opinion: '经审查，制定程序合法，内容合法' } });
          }
        }
        if (day.index === m.on - 2 && moment === '09:20') {
          const dm = office.dm('secretary1');
          await office.say('secretary1', `会议 新建 常务会 ${md(o.dateOf(m.on))}上午9:00 三楼会议室`);
          const created = await office.click('secretary1', dm, '确认', { has: '常务会' });
          const row = await prisma.meeting.findFirst({ orderBy: { createdAt: 'desc' }, select: { number: true } });
          m.number = created.ok ? row?.number : undefined;
          for (let i = 0; i < m.topics.length; i++) await office.click('secretary1', dm, '列入议程');
          await office.click('secretary1', dm, '发布议程');
        }
        if (day.index === m.on && moment === '15:00' && m.number) {
          await office.say('secretary1', `会议 召开 ${m.number}`);
          for (const [i, t] of m.topics.entries()) {
            await office.say('secretary1', `会议 结果 ${m.number} ${i + 1} 通过`);
            await office.say(
              'secretary1',
              `会议 议定 ${m.number} ${i + 1} 抓好会议研究事项落实 承办:${t.unit.name} 领导:${t.unit.leaderName} 时限:${rng.int(5, 8)}个工作日`,
            );
          }
          const meeting = await prisma.meeting.findFirst({ where: { number: m.number } });
          const decisions = meeting ? await prisma.meetingDecision.findMany({ where: { meetingId: meeting.id } }) : [];
          for (const d of decisions) if (d.supervisionNumber) await o.adoptItem(d.supervisionNumber, day.index);
        }
        if (day.index === m.minutesOn && moment === '09:20' && m.number) await office.say('secretary1', `会议 纪要 ${m.number}`);
      }
    },
  };
}
