import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveRevision } from '../../src/features/reviews/use-cases/revisions.js';
import { FixedClock } from '../fakes/clock.js';
import { markdownContents } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { caughtUp, seedDraft, seedOffice, type Office } from './reviews-ops-seed.js';

const at = (s: string) => new Date(`${s}+08:00`);

/**
 * A sign-off voided by a revision move puts the draft back on that reviewer's desk: the desks list the
 * pending re-confirmation next to the current holder, its dwell counted from the voiding.
 */
describe('文稿审核 desk: pending re-confirmations', () => {
  let h: Harness;
  let o: Office;
  let number: string;
  let chiefStep: string;
  const dm = (openId: string) => h.fake.p2pChatId(openId);
  const lastCard = (chatId: string) => markdownContents(h.fake.cardsIn(chatId).at(-1)!.card).join('\n');
  const say = async (from: Office['chief'], text: string) => {
    await h.fake.userSays({ chatId: dm(from.openId), from, text, p2p: true });
    await h.settle();
  };

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock('2026-12-01T10:00:00+08:00'), env: { ADMIN_OPEN_IDS: 'ou_admin_first' } });
    await caughtUp(h);
    const db = h.app.db.prisma;
    o = await seedOffice(h.fake, db);
    // The 科长 signed on revision 1 on Thursday; the 分管副主任 holds it since then.
    const d = await seedDraft(db, o, { title: '关于做好冬季安全生产工作的通知', urgency: 'extra_urgent', reachedAt: at('2026-11-26T09:00:00'), at: 1 });
    number = d.number;
    chiefStep = d.stepIds[0]!;
    await db.reviewStep.update({ where: { id: chiefStep }, data: { remindedRank: 1 } });
    // Today at 09:00 the document moves to revision 2: the 科长's sign-off is voided.
    const moved = await db.$transaction(async (tx) => {
      const draft = await tx.reviewDraft.findUniqueOrThrow({ where: { id: d.draftId } });
      return moveRevision(tx, draft, { revision: 2 }, 'test', at('2026-12-01T09:00:00'));
    });
    expect(moved).not.toBe(false);
    await h.settle();
  });
  afterAll(() => h?.stop());

  it('voiding restarts the level: reachedAt is the voiding time, the reminder ladder starts over', async () => {
    const step = await h.app.db.prisma.reviewStep.findUniqueOrThrow({ where: { id: chiefStep } });
    expect(step.status).toBe('voided');
    expect(step.reachedAt?.toISOString()).toBe(at('2026-12-01T09:00:00').toISOString());
    expect(step.remindedRank).toBe(0);
  });

  it('卡在谁那 lists the 科长 with 待重新确认 beside the current holder', async () => {
    await say(o.director, '审核 卡在谁那');
    const text = lastCard(dm(o.director.openId));
    expect(text).toContain('分在 2 人手中');
    expect(text).toMatch(/李科长\*\*（科长）1 份/);
    expect(text).toContain('《关于做好冬季安全生产工作的通知》（特急，待重新确认，已审核1小时）');
    // The current holder still shows, without the mark.
    expect(text).toMatch(/王副主任\*\*（分管副主任）1 份/);
    expect(text).toContain('《关于做好冬季安全生产工作的通知》（特急，已审核');
  });

  it('我的 for the 科长 shows the re-confirmation on their desk', async () => {
    await say(o.chief, '审核 我的');
    const text = lastCard(dm(o.chief.openId));
    expect(text).toContain('在我手中（1 份）');
    expect(text).toContain(`${number}《关于做好冬季安全生产工作的通知》（特急，待重新确认，已审核1小时）`);
  });

  it('列表 counts the draft once: the current holder, not also the pending re-confirmation', async () => {
    await say(o.director, '审核 列表');
    const text = lastCard(dm(o.director.openId));
    expect(text.split('《关于做好冬季安全生产工作的通知》').length - 1).toBe(1);
    expect(text).not.toContain('待重新确认');
  });

  it('the reminders nudge the re-confirmer on the same ladder, from the voiding', async () => {
    const before = h.fake.textsIn(dm(o.chief.openId)).length;
    // 特急 limit 4 working hours: by 16:00 the re-confirmation is past 1× (not 2×) since 09:00.
    h.clock.set(at('2026-12-01T16:00:00'));
    await h.app.scheduler.tick(h.clock.now(), new Date(h.clock.now().getTime() - 60_000));
    await h.settle();
    const texts = h.fake.textsIn(dm(o.chief.openId)).slice(before);
    expect(texts.some((t) => t.includes('【文稿审核提醒】') && t.includes('已到审核时限'))).toBe(true);
    const step = await h.app.db.prisma.reviewStep.findUniqueOrThrow({ where: { id: chiefStep } });
    expect(step.status).toBe('voided');
    expect(step.remindedRank).toBe(1);
  });
});
