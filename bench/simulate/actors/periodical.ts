import type { Rng } from '../../../drills/support/prng.js';
import { buttonLabels } from '../../../test/support/cards.js';
import type { Actor, Day } from '../month.js';
import type { SimOffice } from '../office.js';

/**
 * 政务信息 at the 信息科: every working afternoon the editor drafts the day's notes into items (the rules
 * drafter: no model configured, so it is deterministic) and adopts some; twice in the month the adopted
 * items are compiled into an issue of 《政务信息》 (信息 编期), which goes through its 签发 chain and is
 * published to the 信息 group, each item counted as 录用 for its unit.
 */
const SIGNERS = ['editor', 'vice1', 'director', 'head', 'deputy1', 'deputy2', 'deputy3'];

export function periodicalActor(office: SimOffice, rng: Rng, o: { issueOn: number[] }): Actor & { tally: { adopted: number; issues: number } } {
  const tally = { adopted: 0, issues: 0 };
  const editorDm = () => office.dm('editor');
  return {
    name: '政务信息期刊',
    tally,
    async act(day: Day, moment: string) {
      if (!day.working) return;
      if (moment === '16:20') {
        const before = new Set(office.fake.cardsIn(editorDm()).map((c) => c.messageId));
        await office.say('editor', '信息 起草 今天');
        const fresh = office.fake.cardsIn(editorDm()).filter((c) => !before.has(c.messageId));
        for (const c of fresh) {
          const count = buttonLabels(c.card).filter((l) => l === '采用').length;
          for (let i = 0; i < count; i++) {
            if (!rng.chance(0.45)) continue;
            const r = await office.click('editor', editorDm(), '采用', { messageId: c.messageId });
            if (r.ok) tally.adopted++;
          }
        }
      }
      if (moment === '09:20' && o.issueOn.includes(day.index)) {
        await office.say('editor', '信息 编期');
        if ((await office.click('editor', editorDm(), '确认编期')).ok) tally.issues++;
      }
      if (moment === '10:30' || moment === '15:00' || moment === '17:10') {
        for (const key of SIGNERS) {
          const dm = office.dm(key);
          for (const c of office.fake.cardsIn(dm)) {
            const text = JSON.stringify(c.card);
            if (!text.includes('期') || !text.includes('政务信息') || !buttonLabels(c.card).includes('通过')) continue;
            await office.click(key, dm, '通过', { messageId: c.messageId, formValue: { comment: '' } });
          }
        }
      }
    },
  };
}
