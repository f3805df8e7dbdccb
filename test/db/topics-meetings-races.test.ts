import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { BotError } from '../../src/errors.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import type { Actor } from '../../src/features/org/index.js';
import '../../src/features/topics/index.js';
import { arrange } from '../../src/features/topics/meetings/use-cases/arrange.js';
import { confirmMeeting } from '../../src/features/topics/meetings/use-cases/create.js';
import { seedMeetingTypes } from '../../src/features/topics/repositories/meeting-types.js';
import { topicsOnMeeting } from '../../src/features/topics/repositories/topics.js';
import { FixedClock } from '../fakes/clock.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { makeTopic } from '../support/topic-factory.js';

const ROUNDS = 6;

/**
 * The agenda under concurrent clicks, from two instances on PostgreSQL: two moves decided on one reading
 * of the agenda, two topics added on one reading, one topic added to two meetings at once, two 确认 of one
 * new meeting — each time exactly one wins, the other is refused (stale) or finds the winner's work, and
 * the agenda keeps its positions 1..n with no gap and no duplicate.
 */
describe(`meetings: agenda ordering races on ${testProvider}`, () => {
  let drop: () => Promise<void>;
  let a: Database;
  let b: Database;
  const clock = new FixedClock('2026-12-01T10:00:00+08:00');
  const actor: Actor = {
    openId: 'ou_office',
    person: { id: 'p_office', name: '赵丽', unitId: null },
    grants: [{ role: 'secretary', scope: '' }],
    bootstrapAdmin: false,
  };
  const depsOf = (db: Database) => ({ prisma: db.prisma, clock, outbox: { kick() {}, deliver: async () => {} } }) as unknown as FeatureDeps;
  let typeId = '';
  let unitId = '';
  let personId = '';
  let day = 0;

  beforeAll(async () => {
    const created = await createTestDatabaseUrl();
    drop = created.drop;
    a = await openDatabase(created.url);
    await migrate(a);
    b = testProvider === 'postgres' ? await openDatabase(created.url) : a;
    unitId = (await a.prisma.unit.create({ data: { code: 'CZJ', name: '财政局', kind: 'department' } })).id;
    personId = (await a.prisma.person.create({ data: { name: '钱国栋', unitId } })).id;
    typeId = (await seedMeetingTypes(a.prisma)).find((t) => t.code === '常务会')!.id;
  });
  afterAll(async () => {
    if (b !== a) await b?.close();
    await a?.close();
    await drop?.();
  });

  const newMeeting = async () => {
    day += 1;
    const d = `2026-12-${String(day + 1).padStart(2, '0')}`;
    const r = await confirmMeeting(depsOf(a), actor, { t: typeId, d, n: 540, p: '三楼会议室' });
    expect(r.toast?.type).toBe('success');
    return (await a.prisma.meeting.findFirstOrThrow({ where: { startsAt: new Date(`${d}T09:00:00+08:00`) } })).id;
  };
  const readyTopic = (title: string) =>
    makeTopic(a.prisma, { title, unitId, presenterId: personId, leaderId: personId, meetingTypeId: typeId, at: clock.now() });
  const positions = async (meetingId: string) => (await topicsOnMeeting(a.prisma, meetingId)).map((t) => t.agendaPosition);
  const version = async (meetingId: string) => (await a.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).version;
  const expectOneStale = (results: PromiseSettledResult<unknown>[], codes: string[] = ['stale_card']) => {
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(BotError);
    expect(codes).toContain((lost[0]!.reason as BotError).code);
  };

  it('two moves on one reading of the agenda: one wins, the positions stay 1..n', async () => {
    const m = await newMeeting();
    const ts = [await readyTopic('议题一'), await readyTopic('议题二'), await readyTopic('议题三')];
    for (const t of ts) await arrange(depsOf(a), actor, { meetingId: m, topicId: t.id }, { kind: 'add' });
    for (let round = 0; round < ROUNDS; round++) {
      const seen = await version(m);
      const order = (await topicsOnMeeting(a.prisma, m)).map((t) => t.id);
      const results = await Promise.allSettled([
        arrange(depsOf(a), actor, { meetingId: m, topicId: order[2]!, seen }, { kind: 'up' }),
        arrange(depsOf(b), actor, { meetingId: m, topicId: order[0]!, seen }, { kind: 'down' }),
      ]);
      expectOneStale(results);
      expect(await positions(m)).toEqual([1, 2, 3]);
      expect(await version(m)).toBe(seen + 1);
    }
  });

  it('two topics added on one reading: one goes on, the other stays in the pool', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const m = await newMeeting();
      const [x, y] = [await readyTopic(`甲${round}`), await readyTopic(`乙${round}`)];
      const seen = await version(m);
      const results = await Promise.allSettled([
        arrange(depsOf(a), actor, { meetingId: m, topicId: x.id, seen }, { kind: 'add' }),
        arrange(depsOf(b), actor, { meetingId: m, topicId: y.id, seen }, { kind: 'add' }),
      ]);
      expectOneStale(results);
      expect(await positions(m)).toEqual([1]);
      const statuses = (await a.prisma.topic.findMany({ where: { id: { in: [x.id, y.id] } } })).map((t) => t.status).sort();
      expect(statuses).toEqual(['ready', 'scheduled']);
    }
  });

  it('one topic added to two meetings at once: it is on exactly one agenda', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [m1, m2] = [await newMeeting(), await newMeeting()];
      const t = await readyTopic(`丙${round}`);
      const results = await Promise.allSettled([
        arrange(depsOf(a), actor, { meetingId: m1, topicId: t.id }, { kind: 'add' }),
        arrange(depsOf(b), actor, { meetingId: m2, topicId: t.id }, { kind: 'add' }),
      ]);
      // The loser lost the topic's compare-and-set (stale), or read it already scheduled (told so).
      expectOneStale(results, ['stale_card', 'bad_input']);
      const now = await a.prisma.topic.findUniqueOrThrow({ where: { id: t.id } });
      expect([m1, m2]).toContain(now.meetingId);
      expect(now).toMatchObject({ status: 'scheduled', agendaPosition: 1, version: 1 });
      expect([...(await positions(m1)), ...(await positions(m2))]).toEqual([1]);
    }
  });

  it('two 确认 of one new meeting at once: one meeting, one number', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const d = `2026-12-${String(20 + round).padStart(2, '0')}`;
      const v = { t: typeId, d, n: 900, p: '五楼会议室' };
      const before = await a.prisma.meeting.count();
      const [r1, r2] = await Promise.all([confirmMeeting(depsOf(a), actor, v), confirmMeeting(depsOf(b), actor, v)]);
      expect([r1.toast?.type, r2.toast?.type].sort()).toEqual(['info', 'success']);
      expect(await a.prisma.meeting.count()).toBe(before + 1);
      const seqs = (await a.prisma.meeting.findMany({ where: { meetingTypeId: typeId } })).map((m) => m.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
  });
});
