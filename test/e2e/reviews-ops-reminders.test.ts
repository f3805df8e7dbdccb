import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, markdown } from '../../src/cards/elements.js';
import { enqueueNow } from '../../src/platform/outbox/outbox.js';
import { FixedClock } from '../fakes/clock.js';
import { startHarness, type Harness } from '../support/harness.js';
import { caughtUp, seedDraft, seedOffice, type Office } from './reviews-ops-seed.js';

const at = (s: string) => new Date(`${s}+08:00`);

/**
 * Ticks the scheduler one minute to `when`, as the live ticker does, and waits for the sends. The job
 * says whether anything is due before a run is claimed: `not_due` when nothing is (no run row).
 */
async function tickAt(h: Harness, when: string) {
  h.clock.set(at(when));
  const outcome = await h.app.scheduler.tick(h.clock.now(), new Date(h.clock.now().getTime() - 60_000));
  await h.settle();
  return outcome['reviews.remind'];
}

describe('文稿审核 reminders in working time (default office hours)', () => {
  let h: Harness;
  let o: Office;
  let draft: { draftId: string; number: string; stepIds: string[] };
  let holderCard: string;
  const dm = (openId: string) => h.fake.textsIn(h.fake.p2pChatId(openId));

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock('2026-11-27T16:30:00+08:00') });
    await caughtUp(h);
    const db = h.app.db.prisma;
    o = await seedOffice(h.fake, db);
    draft = await seedDraft(db, o, { title: '关于做好冬季安全生产工作的通知', urgency: 'extra_urgent', reachedAt: at('2026-11-27T16:30:00') });
    // The holder's card, as the chain posts it: the bot's own DM card of the draft, in a holder view.
    await enqueueNow(h.app.db.sql, {
      to: { openId: o.chief.openId },
      content: { type: 'card', card: card({ title: '文稿审核', elements: [markdown('请审核')] }) },
      tracks: { objectType: 'review_draft', objectId: draft.draftId, view: `holder:${draft.stepIds[0]}:${o.chief.openId}` },
    });
    h.app.outbox.kick();
    await h.settle();
    holderCard = (await db.cardRef.findFirstOrThrow({ where: { objectId: draft.draftId } })).messageId;
  });
  afterAll(() => h?.stop());

  it('sends nothing over the weekend, nudges the holder on Monday at 11:30 once, and tells the superior at 2×', async () => {
    expect(await tickAt(h, '2026-11-27T17:25:00')).toBe('not_due');
    expect(await tickAt(h, '2026-11-28T10:00:00')).toBe('not_due'); // Saturday
    expect(await tickAt(h, '2026-11-30T11:25:00')).toBe('not_due');
    expect(dm(o.chief.openId)).toHaveLength(0);

    expect(await tickAt(h, '2026-11-30T11:30:00')).toBe('ran');
    const nudges = dm(o.chief.openId);
    expect(nudges).toHaveLength(1);
    expect(nudges[0]).toContain(`${draft.number}《关于做好冬季安全生产工作的通知》（特急）`);
    expect(nudges[0]).toContain('已送达您处4个工作小时，已到审核时限（4个工作小时）');
    expect(dm(o.deputy.openId)).toHaveLength(0);
    expect(h.fake.callsTo(/urgent_app/)).toHaveLength(0);

    // A second run (another instance, the next tick) sends nothing more.
    expect(await tickAt(h, '2026-11-30T11:35:00')).toBe('not_due');
    expect(dm(o.chief.openId)).toHaveLength(1);

    // 2× = 8 working hours: Friday 1 h + Monday 6.5 h + Tuesday 0.5 h → Tuesday 09:00.
    expect(await tickAt(h, '2026-11-30T17:25:00')).toBe('not_due');
    expect(dm(o.deputy.openId)).toHaveLength(0);
    expect(await tickAt(h, '2026-12-01T09:00:00')).toBe('ran');
    expect(dm(o.chief.openId)).toHaveLength(2);
    expect(dm(o.chief.openId)[1]).toContain('已超过审核时限（4个工作小时）一倍，已同时告知王副主任');
    // The superior is the next level's holder (分管副主任), not the 主任.
    expect(dm(o.deputy.openId)).toEqual([expect.stringContaining('已送达李科长（科长）处8个工作小时')]);
    expect(dm(o.director.openId)).toHaveLength(0);
    // 特急: the bot's own card on the holder's desk is buzzed, in-app, for the holder.
    const buzzes = h.fake.callsTo(/urgent_app/);
    expect(buzzes).toHaveLength(1);
    expect(buzzes[0]!.path).toContain(holderCard);
    expect(buzzes[0]!.body).toEqual({ user_id_list: [o.chief.openId] });
    expect(h.fake.callsTo(/urgent_(sms|phone)/)).toHaveLength(0);

    const step = await h.app.db.prisma.reviewStep.findUniqueOrThrow({ where: { id: draft.stepIds[0]! } });
    expect(step.remindedRank).toBe(2);
    const events = await h.app.db.prisma.reviewEvent.findMany({ where: { draftId: draft.draftId }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['reminded', 'escalated', 'reminded']);
    expect(await h.app.db.prisma.auditEntry.count({ where: { objectType: 'review_draft', objectId: draft.number } })).toBe(2);

    expect(await tickAt(h, '2026-12-01T10:00:00')).toBe('not_due');
    expect(dm(o.chief.openId)).toHaveLength(2);
    expect(h.fake.callsTo(/urgent_app/)).toHaveLength(1);
    // A run row only for the two minutes that sent something.
    expect(await h.app.db.prisma.jobRun.count({ where: { job: 'reviews.remind' } })).toBe(2);
  });

  it('after downtime only the highest due rung is sent, and the last level’s superior is the 主任', async () => {
    const db = h.app.db.prisma;
    // At the 主任's desk? No: at the 分管副主任's (the last but one), reached a week ago, never reminded.
    const late = await seedDraft(db, o, { title: '关于召开全县经济工作会议的通知', urgency: 'urgent', reachedAt: at('2026-11-23T09:00:00'), at: 2 });
    const before = dm(o.director.openId).length;
    expect(await tickAt(h, '2026-12-01T10:05:00')).toBe('ran');
    // The 主任 holds it; there is nobody above, so only the holder hears (once, the 2× rung).
    const mine = dm(o.director.openId).slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain('已超过审核时限（1个工作日）一倍');
    expect((await db.reviewStep.findUniqueOrThrow({ where: { id: late.stepIds[2]! } })).remindedRank).toBe(2);
    // 加急 is not buzzed.
    expect(h.fake.callsTo(/urgent_app/)).toHaveLength(1);

    const mid = await seedDraft(db, o, { title: '关于印发工作要点的通知', reachedAt: at('2026-11-20T09:00:00'), at: 1 });
    await db.reviewStep.update({ where: { id: mid.stepIds[2]! }, data: { status: 'skipped' } });
    const told = dm(o.director.openId).length;
    expect(await tickAt(h, '2026-12-01T10:10:00')).toBe('ran');
    // 平件 at the 分管副主任 with no waiting level after it: the 主任 is told.
    expect(dm(o.director.openId).slice(told)).toEqual([expect.stringContaining('已送达王副主任（分管副主任）处')]);
  });
});

describe('文稿审核 reminders with an office day ending 18:00', () => {
  let h: Harness;
  let o: Office;

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock('2026-11-27T16:30:00+08:00'), env: { WORKING_HOURS: '08:30-12:00,14:30-18:00' } });
    await caughtUp(h);
    o = await seedOffice(h.fake, h.app.db.prisma);
    await seedDraft(h.app.db.prisma, o, { title: '关于防范强降雨的紧急通知', urgency: 'extra_urgent', reachedAt: at('2026-11-27T16:30:00') });
  });
  afterAll(() => h?.stop());

  it('nudges the holder on Monday at 11:00 (the issue’s example), not before', async () => {
    expect(await tickAt(h, '2026-11-28T10:00:00')).toBe('not_due');
    expect(await tickAt(h, '2026-11-30T10:55:00')).toBe('not_due');
    expect(h.fake.textsIn(h.fake.p2pChatId(o.chief.openId))).toHaveLength(0);
    expect(await tickAt(h, '2026-11-30T11:00:00')).toBe('ran');
    expect(h.fake.textsIn(h.fake.p2pChatId(o.chief.openId))).toEqual([expect.stringContaining('已到审核时限')]);
  });
});

describe('文稿审核 reminders: the 特急 buzz outside office hours (REVIEW_URGENT_AFTER_HOURS=true)', () => {
  let h: Harness;
  let o: Office;
  let draft: { draftId: string; number: string; stepIds: string[] };

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock('2026-11-30T10:30:00+08:00'), env: { REVIEW_URGENT_AFTER_HOURS: 'true' } });
    await caughtUp(h);
    o = await seedOffice(h.fake, h.app.db.prisma);
    // Reached Monday 10:30: 1× (1.5 h + 2.5 h) at Monday 17:00, 2× (4.5 h on Monday + 3.5 h) at Tuesday 12:00,
    // when lunch starts.
    draft = await seedDraft(h.app.db.prisma, o, { title: '关于应对寒潮天气的紧急通知', urgency: 'extra_urgent', reachedAt: at('2026-11-30T10:30:00') });
    await enqueueNow(h.app.db.sql, {
      to: { openId: o.chief.openId },
      content: { type: 'card', card: card({ title: '文稿审核', elements: [markdown('请审核')] }) },
      tracks: { objectType: 'review_draft', objectId: draft.draftId, view: `holder:${draft.stepIds[0]}:${o.chief.openId}` },
    });
    h.app.outbox.kick();
    await h.settle();
  });
  afterAll(() => h?.stop());

  it('buzzes at 12:00 in the lunch break, and sends the rung’s messages at 14:30 without a second buzz', async () => {
    const texts = (openId: string) => h.fake.textsIn(h.fake.p2pChatId(openId));
    expect(await tickAt(h, '2026-11-30T16:55:00')).toBe('not_due');
    expect(texts(o.chief.openId)).toHaveLength(0);
    expect(await tickAt(h, '2026-11-30T17:00:00')).toBe('ran');
    expect(texts(o.chief.openId)).toHaveLength(1);
    // At night the job looks, and has nothing to buzz yet.
    expect(await tickAt(h, '2026-11-30T22:00:00')).toBe('not_due');
    expect(h.fake.callsTo(/urgent_app/)).toHaveLength(0);

    expect(await tickAt(h, '2026-12-01T12:00:00')).toBe('ran');
    expect(h.fake.callsTo(/urgent_app/)).toHaveLength(1);
    expect(texts(o.chief.openId)).toHaveLength(1);
    expect(texts(o.deputy.openId)).toHaveLength(0);
    expect(await tickAt(h, '2026-12-01T12:05:00')).toBe('not_due');
    expect(h.fake.callsTo(/urgent_app/)).toHaveLength(1);

    expect(await tickAt(h, '2026-12-01T14:30:00')).toBe('ran');
    expect(texts(o.chief.openId)).toHaveLength(2);
    expect(texts(o.deputy.openId)).toHaveLength(1);
    expect(h.fake.callsTo(/urgent_app/)).toHaveLength(1);
  });
});
