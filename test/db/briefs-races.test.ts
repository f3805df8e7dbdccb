import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import { loadActor } from '../../src/features/org/index.js';
import '../../src/features/org/policy.js';
import '../../src/features/briefs/index.js';
import { runClose, runNudge } from '../../src/features/briefs/board/use-cases/board.js';
import { withdrawNote } from '../../src/features/briefs/notes/use-cases/amend.js';
import { reportNote, zeroReport } from '../../src/features/briefs/notes/use-cases/report.js';
import { markNotesUsed } from '../../src/features/briefs/repositories/notes.js';
import { createSeam, type NoteChange } from '../../src/features/briefs/subcommands.js';
import { createLogger } from '../../src/logger.js';
import { CalendarService } from '../../src/platform/calendar/calendar-service.js';
import { DEFAULT_HOURS } from '../../src/platform/calendar/working-hours.js';
import { enqueue } from '../../src/platform/outbox/outbox.js';
import { JobControl } from '../../src/platform/scheduler/job-control.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

/** 政务信息 writes that meet: notes of one unit at once, a note against the nudge and the close, 零报告 twice. */
describe(`政务信息 notes and day standings on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let deps: FeatureDeps;
  let now = new Date('2026-12-01T09:00:00+08:00');
  const seam = createSeam();
  const changes: NoteChange['kind'][] = [];
  seam.onNoteChange(async (c) => void changes.push(c.kind));
  const ids: Record<string, string> = {};
  const where = (messageId: string) => ({ chatId: 'oc_dm', chatType: 'p2p' as const, messageId });
  const input = (body: string) => ({ body, declaredKind: '', internal: false, secret: false, urgent: false });
  const actor = (key: string) => loadActor(db.sql, `ou_${key}`, []);
  const day = (unit: string) => db.prisma.infoDayStatus.findUnique({ where: { unitId_date: { unitId: ids[unit]!, date: '2026-12-01' } } });

  beforeAll(async () => {
    const t = await createTestDatabaseUrl();
    drop = t.drop;
    db = await openDatabase(t.url);
    await migrate(db);
    deps = {
      prisma: db.prisma,
      sql: db.sql,
      clock: { now: () => now },
      messenger: new MemoryMessenger(),
      documents: undefined as never,
      log: createLogger('silent'),
      outbox: { deliver: (item) => enqueue(db.prisma, item), kick: () => {} },
      calendar: await CalendarService.load(db.prisma, DEFAULT_HOURS),
      bootstrapAdmins: [],
      jobs: new JobControl(),
      settings: { supervision: { chaseCron: '0 9 * * *', reportCron: '30 9 * * 1', remindBefore: [3, 1, 0], firstOverdue: 1, escalateAt: 3, repeatEvery: 5 } },
    };
    const p = db.prisma;
    for (const [key, name] of [
      ['a', '城关镇'],
      ['b', '县教育局'],
      ['c', '县水利局'],
    ] as const) {
      const unit = await p.unit.create({ data: { code: key, name } });
      ids[key] = unit.id;
      for (const n of [1, 2])
        await p.person.create({
          data: { name: `${name}联络员${n}`, openId: `ou_${key}${n}`, unitId: unit.id, roles: { create: [{ role: 'liaison', scope: 'info' }] } },
        });
    }
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('two liaisons of one unit reporting at once: both notes numbered apart, the day 已报送 once', async () => {
    const [x, y] = await Promise.all([
      reportNote(deps, seam, await actor('a1'), input('城关镇第一条信息。'), where('om_a1')),
      reportNote(deps, seam, await actor('a2'), input('城关镇第二条信息。'), where('om_a2')),
    ]);
    expect(new Set([x.note.number, y.note.number]).size).toBe(2);
    expect(await db.prisma.infoNote.count({ where: { unitId: ids.a } })).toBe(2);
    expect(await day('a')).toMatchObject({ status: 'reported', late: false });
    expect(changes.filter((k) => k === 'reported')).toHaveLength(2);
  });

  it('零报告 sent twice at once is recorded once', async () => {
    const outcomes = await Promise.allSettled([zeroReport(deps, await actor('b1'), where('om_b1')), zeroReport(deps, await actor('b2'), where('om_b2'))]);
    const recorded = outcomes.filter((o) => o.status === 'fulfilled' && o.value.kind === 'recorded');
    expect(recorded).toHaveLength(1);
    expect((await day('b'))?.status).toBe('zero');
    expect(await db.prisma.auditEntry.count({ where: { action: 'zero_report' } })).toBe(1);
  });

  it('a note and the nudge at once: the unit is nudged at most once and ends 已报送 (迟报 only when nudged first)', async () => {
    now = new Date('2026-12-01T16:00:00+08:00');
    const [r, nudge] = await Promise.all([reportNote(deps, seam, await actor('c1'), input('县水利局今日信息。'), where('om_c1')), runNudge(deps, now)]);
    const d = (await day('c'))!;
    expect(d.status).toBe('reported');
    expect(r.day?.status).toBe('reported');
    // Nudged only if the nudge claimed the row first; then each of the unit's two liaisons got one message.
    expect(nudge.nudged).toBe(d.nudgedAt ? 1 : 0);
    expect(await db.prisma.outboxMessage.count({ where: { content: { contains: '信息报送提醒' } } })).toBe(nudge.nudged * 2);
    expect(d.late).toBe(!!d.nudgedAt && r.day!.late);
    expect(nudge.nudged).toBeLessThanOrEqual(1);
  });

  it('the withdrawn last note reopens the day; the close then records 漏报 once, however often it runs', async () => {
    const note = (await db.prisma.infoNote.findFirst({ where: { unitId: ids.c } }))!;
    const r = await withdrawNote(deps, seam, await actor('c1'), note);
    expect(r.dayReopened).toBe(true);
    now = new Date('2026-12-01T17:30:00+08:00');
    const [first, second] = await Promise.all([runClose(deps, now), runClose(deps, now)]);
    expect(first.missed + second.missed).toBe(1);
    expect((await day('c'))?.status).toBe('missed');
    expect((await day('a'))?.status).toBe('reported');
    expect((await day('b'))?.status).toBe('zero');
  });

  it('a note used by an editor cannot be withdrawn, even from a copy read before', async () => {
    const note = (await db.prisma.infoNote.findFirst({ where: { unitId: ids.a }, orderBy: { seq: 'asc' } }))!;
    await db.prisma.$transaction((tx) => markNotesUsed(tx, [note.id], now));
    await expect(withdrawNote(deps, seam, await actor(note.reporterOpenId.slice(3)), note)).rejects.toThrow(/刚刚有变化/);
    expect((await db.prisma.infoNote.findUnique({ where: { id: note.id } }))?.state).toBe('used');
  });
});
