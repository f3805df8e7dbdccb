import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineDocuments } from '../../src/adapters/offline-documents.js';
import type { SupervisionSettings } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { NOTE_SERIES } from '../../src/features/briefs/object-type.js';
import '../../src/features/briefs/policy.js';
import { insertNote, type NoteRow } from '../../src/features/briefs/repositories/notes.js';
import { rungKey, URGENT_ESCALATE, URGENT_REMIND } from '../../src/features/briefs/urgent/domain/clock.js';
import { answerSuspicion, markSentToLeaders } from '../../src/features/briefs/urgent/use-cases/answer.js';
import { onUrgentNoteChange } from '../../src/features/briefs/urgent/use-cases/listener.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import { loadActor } from '../../src/features/org/actor.js';
import { CalendarService } from '../../src/platform/calendar/calendar-service.js';
import { DEFAULT_HOURS } from '../../src/platform/calendar/working-hours.js';
import { enqueue } from '../../src/platform/outbox/outbox.js';
import type { JobControl } from '../../src/platform/scheduler/job-control.js';
import { Timers } from '../../src/platform/scheduler/timers.js';
import { FixedClock } from '../fakes/clock.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

/**
 * The keyword rules' one-click question and the 已报送领导 compare-and-set, on the database: a note reported
 * through the seam's listener (as the notes part calls it), answered by a stranger, by its reporter, twice;
 * two editors marking one matter sent at the same moment.
 */
describe(`急情要事 answers on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let deps: FeatureDeps;
  let timers: Timers;
  const clock = new FixedClock('2026-12-01T10:05:00+08:00');
  const { log } = memoryLogger('warn');
  const ids: Record<string, string> = {};
  let unitId = '';

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
    const prisma = db.prisma;
    const town = await prisma.unit.create({ data: { code: 'CGZ', name: '城关镇' } });
    unitId = town.id;
    for (const [key, roles] of [
      ['liaison', [{ role: 'liaison', scope: 'info' }]],
      ['editor', [{ role: 'editor' }]],
      ['editor2', [{ role: 'editor' }]],
      ['director', [{ role: 'director' }]],
      ['stranger', []],
    ] as const) {
      const p = await prisma.person.create({ data: { name: key, openId: `ou_${key}`, unitId: town.id, roles: { create: [...roles] } } });
      ids[key] = p.id;
    }
    timers = new Timers({ sql: db.sql, log });
    deps = {
      prisma,
      sql: db.sql,
      clock,
      messenger: new MemoryMessenger(),
      documents: new OfflineDocuments(log),
      log,
      outbox: { deliver: (item) => enqueue(prisma, item), kick: () => undefined },
      calendar: await CalendarService.load(prisma, DEFAULT_HOURS),
      bootstrapAdmins: [],
      settings: { supervision: {} as SupervisionSettings },
      jobs: {} as JobControl,
      timers,
    };
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  /** A note reported as the notes part does: inserted, then the listeners run in the same transaction. */
  async function report(body: string, urgent = false): Promise<NoteRow> {
    const now = clock.now();
    return db.prisma.$transaction(async (tx) => {
      const n = await NOTE_SERIES.allocate(tx, 2026);
      const note = await insertNote(tx, {
        year: n.year,
        seq: n.seq,
        number: n.number,
        unitId,
        reporterId: ids.liaison!,
        reporterOpenId: 'ou_liaison',
        reporterName: '周联络员',
        date: '2026-12-01',
        reportedAt: now,
        body,
        urgent,
      });
      await onUrgentNoteChange(deps, { kind: 'reported', before: null, after: note, actor: 'ou_liaison', at: now }, tx);
      return note;
    });
  }
  const actor = (key: string) => loadActor(db.sql, `ou_${key}`, []);
  const note = (id: string) => db.prisma.infoNote.findUniqueOrThrow({ where: { id } });
  const outboxTo = (openId: string) => db.prisma.outboxMessage.findMany({ where: { targetId: openId } });

  it('an ordinary note is not suspected; one with 坍塌 and 伤亡 gets the reporter’s one-click question', async () => {
    const plain = await report('今天上午，县政府召开常务会议，研究部署冬季安全生产工作。');
    expect((await note(plain.id)).urgentSuspected).toBe(false);
    const before = (await outboxTo('ou_liaison')).length;
    const suspect = await report('今天9时，东关村一处在建厂房发生坍塌，伤亡情况正在核实。');
    expect(await note(suspect.id)).toMatchObject({ urgentSuspected: true, urgent: false, urgentSentAt: null });
    const queued = await outboxTo('ou_liaison');
    expect(queued).toHaveLength(before + 1);
    expect(queued.at(-1)!.content).toContain('含有「坍塌、伤亡」等字样');
    expect(await outboxTo('ou_editor')).toHaveLength(0);
  });

  it('only the reporter may answer; 确认 sends it at once with the clock, a second answer changes nothing', async () => {
    const suspect = await db.prisma.infoNote.findFirstOrThrow({ where: { urgentSuspected: true } });
    await expect(answerSuspicion(deps, await actor('stranger'), suspect.id, true)).rejects.toThrow('只有该信息的报送人');
    clock.set('2026-12-01T10:07:00+08:00');
    const r = await answerSuspicion(deps, await actor('liaison'), suspect.id, true);
    expect(r.toast).toEqual({ type: 'success', content: '已按急情要事立即报送。' });
    const after = await note(suspect.id);
    expect(after).toMatchObject({ urgent: true, urgentSuspected: false, declaredKind: '急情要事' });
    expect(after.urgentConfirmedAt).toEqual(new Date('2026-12-01T10:07:00+08:00'));
    expect(after.eventAt).toEqual(new Date('2026-12-01T09:00:00+08:00'));
    // No duty roster today and no leader configured: the editors get the alert, the office director reads it
    // as the leader would, and each of them is told plainly that no leader was reached.
    for (const openId of ['ou_editor', 'ou_editor2', 'ou_director']) {
      const queued = await outboxTo(openId);
      expect(queued).toHaveLength(2);
      expect(queued.filter((q) => q.content.includes('未送达任何领导'))).toHaveLength(1);
    }
    const startAt = new Date('2026-12-01T09:00:00+08:00');
    expect((await timers.get(rungKey(URGENT_REMIND, suspect.id, startAt)))!.dueAt).toEqual(new Date('2026-12-01T11:00:00+08:00'));
    expect((await timers.get(rungKey(URGENT_ESCALATE, suspect.id, startAt)))!.dueAt).toEqual(new Date('2026-12-01T12:00:00+08:00'));

    const again = await answerSuspicion(deps, await actor('liaison'), suspect.id, false);
    expect(again.toast.type).toBe('info');
    expect((await note(suspect.id)).urgent).toBe(true);
  });

  it('不是急情要事 leaves an ordinary note', async () => {
    const other = await report('今天8时，某小区一居民家中起火，已扑灭。');
    const r = await answerSuspicion(deps, await actor('liaison'), other.id, false);
    expect(r.toast.content).toBe('已按一般信息处理。');
    expect(await note(other.id)).toMatchObject({ urgent: false, urgentSuspected: false, urgentSentAt: null });
    expect(await timers.get(`briefs.urgent.remind:${other.id}`)).toBeUndefined();
  });

  it('two editors marking the same matter sent at once: one sending is recorded, the clock is cancelled', async () => {
    const urgent = await db.prisma.infoNote.findFirstOrThrow({ where: { urgent: true } });
    clock.set('2026-12-01T10:30:00+08:00');
    const [a, b] = await Promise.all([markSentToLeaders(deps, await actor('editor'), urgent.id), markSentToLeaders(deps, await actor('editor2'), urgent.id)]);
    expect([a.toast.type, b.toast.type].sort()).toEqual(['info', 'success']);
    const events = await db.prisma.infoEvent.findMany({ where: { objectId: urgent.id, kind: 'sent_to_leaders' } });
    expect(events).toHaveLength(1);
    expect((await note(urgent.id)).sentToLeadersAt).toEqual(new Date('2026-12-01T10:30:00+08:00'));
    expect((await timers.get(rungKey(URGENT_REMIND, urgent.id, urgent.eventAt!)))!.cancelledAt).not.toBeNull();
    await expect(markSentToLeaders(deps, await actor('stranger'), urgent.id)).rejects.toThrow();
    await expect(markSentToLeaders(deps, await actor('liaison'), urgent.id)).rejects.toThrow();
  });
});
