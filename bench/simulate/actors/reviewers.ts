import type { Rng } from '../../../drills/support/prng.js';
import { buttonLabels } from '../../../test/support/cards.js';
import type { Actor, Day } from '../month.js';
import type { SimOffice } from '../office.js';

/**
 * 文稿审核 (and the 纪要, which goes through the same 请审核 cards): ~25 drafts over the month by the two
 * secretaries on Feishu documents, each through its chain (科长 → 分管副主任 → [法制审查] → 主任 → …). A
 * reviewer looks at their desk a few times a day and passes what is on it with a probability that makes
 * dwell times realistic (特急 and 加急 at once); one reviewer in ten returns a draft once, and the
 * drafter resubmits it.
 */
const REVIEWERS = ['sec_chief', 'vice1', 'vice2', 'director', 'legal', 'head', 'deputy1', 'deputy2', 'deputy3', 'editor'];
const KINDS = ['讲话稿', '请示报告', '普通文稿', '讲话稿', '规范性文件'];
const TITLES = [
  '在全县安全生产工作会议上的讲话',
  '关于申请追加防汛经费的请示',
  '关于做好秋冬季森林防火工作的通知',
  '在重点项目推进会上的讲话',
  '城区户外广告设置管理办法',
];

export function reviewsActor(office: SimOffice, rng: Rng, o: { drafts: number; workingDays: number }): Actor & { submitted: string[] } {
  const submitted: string[] = [];
  const plan = Array.from({ length: o.drafts }, (_, k) => Math.floor((k * Math.max(1, o.workingDays - 1)) / o.drafts));
  const returned = new Set<string>();
  let k = 0;
  const pass = async (key: string) => {
    const dm = office.dm(key);
    // Every card on the desk that still has 通过 (a holder card of a draft or a 纪要).
    const desk = office.fake.cardsIn(dm).filter((c) => JSON.stringify(c.card).includes('请审核') && buttonLabels(c.card).includes('通过'));
    for (const c of desk) {
      const text = JSON.stringify(c.card);
      const hurry = text.includes('特急') || text.includes('加急');
      if (!hurry && !rng.chance(key === 'head' ? 0.25 : 0.45)) continue;
      const number = /审〔\d+〕\d+号/.exec(text)?.[0];
      if (number && key === 'vice1' && !returned.has(number) && rng.chance(0.1)) {
        returned.add(number);
        const opened = await office.click(key, dm, '退回修改', { messageId: c.messageId });
        if (opened.ok) await office.click(key, dm, '确认退回', { messageId: c.messageId, formValue: { comment: '请核实文中数据并精简第二部分' } });
        continue;
      }
      await office.click(key, dm, '通过', { messageId: c.messageId, formValue: { comment: '' } });
    }
    for (const c of office.fake.cardsIn(dm).filter((x) => buttonLabels(x.card).some((l) => l.startsWith('确认（第')))) {
      const label = buttonLabels(c.card).find((l) => l.startsWith('确认（第'))!;
      await office.click(key, dm, label, { messageId: c.messageId });
    }
  };
  return {
    name: '文稿审核',
    submitted,
    async act(day: Day, moment: string) {
      if (!day.working) return;
      if (moment === '09:20' || moment === '15:00') {
        for (const _ of plan.filter((d) => d === day.index && moment === '09:20')) {
          const drafter = k % 2 ? 'secretary2' : 'secretary1';
          const kind = KINDS[k % KINDS.length]!;
          const title = `${TITLES[k % TITLES.length]}（第${k + 1}稿）`;
          const urgency = k % 9 === 4 ? ' 特急' : k % 5 === 2 ? ' 加急' : '';
          const doc = office.fake.addDocument({ title, text: `${title}\n一、总体要求\n二、主要任务\n三、保障措施`, owner: office.person(drafter) });
          await office.say(drafter, `审核 提交 ${title} ${doc.url}${urgency} 类型:${kind}`);
          submitted.push(title);
          k++;
        }
      }
      if (moment === '09:20' || moment === '11:30' || moment === '15:00' || moment === '16:20') for (const key of REVIEWERS) await pass(key);
      if (moment === '10:30' || moment === '16:20') {
        for (const drafter of ['secretary1', 'secretary2']) await office.click(drafter, office.dm(drafter), '重新提交（修改稿）');
      }
    },
  };
}
