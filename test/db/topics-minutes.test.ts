import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import { loadActor } from '../../src/features/org/index.js';
import '../../src/features/org/policy.js';
import { onDraftFinalised } from '../../src/features/reviews/index.js';
import { approve } from '../../src/features/reviews/use-cases/decide.js';
import { createItemFromSource } from '../../src/features/supervision/index.js';
import '../../src/features/supervision/policy.js';
import '../../src/features/topics/index.js';
import { runMinutesSweep } from '../../src/features/topics/minutes/jobs.js';
import { draftMinutes } from '../../src/features/topics/minutes/use-cases/draft.js';
import { issueMinutes, onMinutesSigned } from '../../src/features/topics/minutes/use-cases/issue.js';
import { holdMeeting, recordDecision, recordOutcome } from '../../src/features/topics/minutes/use-cases/record.js';
import { createLogger } from '../../src/logger.js';
import { CalendarService } from '../../src/platform/calendar/calendar-service.js';
import { DEFAULT_HOURS } from '../../src/platform/calendar/working-hours.js';
import { enqueue } from '../../src/platform/outbox/outbox.js';
import { JobControl } from '../../src/platform/scheduler/job-control.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { meetingWithAgenda } from '../support/minutes-fixtures.js';

/**
 * The minutes part's use cases on the database: a decision refused whole, 签发 numbering inside the review's
 * transaction, and 印发 run again (the sweep after a failure) creating no second item and sending nothing twice.
 */
describe(`议定事项与纪要 on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let deps: FeatureDeps;
  const now = new Date('2026-12-02T15:00:00+08:00');
  const ids: Record<string, string> = {};
  let meetingId = '';
  let topicIds: string[] = [];

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
      documents: {} as FeatureDeps['documents'],
      log: createLogger('silent'),
      outbox: { deliver: (item) => enqueue(db.prisma, item), kick: () => {} },
      calendar: await CalendarService.load(db.prisma, DEFAULT_HOURS),
      bootstrapAdmins: [],
      jobs: new JobControl(),
      settings: { supervision: { chaseCron: '0 9 * * *', reportCron: '30 9 * * 1', remindBefore: [3, 1, 0], firstOverdue: 1, escalateAt: 3, repeatEvery: 5 } },
    };
    onDraftFinalised('topics.minutes', (tx, d) => onMinutesSigned(deps, tx, d));
    const p = db.prisma;
    const office = await p.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const zj = await p.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    ids.zj = zj.id;
    const person = async (key: string, name: string, unitId: string, title: string, roles: [string, string][]) => {
      ids[key] = (
        await p.person.create({ data: { name, openId: `ou_${key}`, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } })
      ).id;
    };
    await person('secretary', '赵秘书', office.id, '秘书', [['secretary', '']]);
    await person('director', '陈主任', office.id, '办公室主任', [['director', '']]);
    await person('county', '张县长', office.id, '县长', [['leader', '']]);
    await person('vice', '李副县长', office.id, '副县长', [['leader', `unit:${zj.id}`]]);
    await person('liaison', '刘联络', zj.id, '科员', [['liaison', 'supervision']]);
    const built = await meetingWithAgenda(p, {
      startsAt: new Date('2026-12-02T09:00:00+08:00'),
      presidingId: ids.county!,
      attendeeIds: [ids.county!, ids.vice!],
      chatId: 'oc_meeting_group',
      creator: { id: ids.secretary!, openId: 'ou_secretary' },
      topics: [{ title: '关于城区供水管网改造的议题', unitId: zj.id, submitter: { id: ids.liaison!, openId: 'ou_liaison' }, leaderId: ids.vice! }],
    });
    meetingId = built.meeting.id;
    topicIds = built.topics.map((x) => x.id);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const actor = (key: string) => loadActor(db.sql, `ou_${key}`, []);

  it('holding sets the due date; a decision without a 承办单位, or with one not in the directory, writes nothing', async () => {
    const held = await holdMeeting(deps, await actor('secretary'), meetingId, []);
    expect(held.due).toContain('12月7日');
    expect((await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).minutesDueDate).toBe('2026-12-07');
    await recordOutcome(deps, await actor('secretary'), meetingId, topicIds[0]!, 'passed', '');
    const events = await db.prisma.topicEvent.count();
    await expect(
      recordDecision(deps, await actor('secretary'), meetingId, topicIds[0]!, { content: '年底前完成主管网改造', deadline: '12月31日' }),
    ).rejects.toMatchObject({
      userMessage: expect.stringContaining('须明确承办单位'),
    });
    await expect(
      recordDecision(deps, await actor('secretary'), meetingId, topicIds[0]!, { content: '年底前完成主管网改造', unit: '县水利局' }),
    ).rejects.toMatchObject({
      code: 'bad_input',
    });
    await expect(recordDecision(deps, await actor('vice'), meetingId, topicIds[0]!, { content: '年底前完成', unit: '县住建局' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await db.prisma.meetingDecision.count()).toBe(0);
    expect(await db.prisma.topicEvent.count()).toBe(events);
    await recordDecision(deps, await actor('secretary'), meetingId, topicIds[0]!, {
      content: '年底前完成主管网改造',
      unit: '县住建局',
      leader: '李副县长',
      deadline: '12月31日',
    });
    await recordDecision(deps, await actor('secretary'), meetingId, topicIds[0]!, { content: '做好群众解释工作', unit: '县住建局' });
    expect((await db.prisma.meetingDecision.findMany({ orderBy: { position: 'asc' } })).map((d) => [d.position, d.deadline])).toEqual([
      [1, '2026-12-31'],
      [2, ''],
    ]);
  });

  it('签发 numbers the 纪要 in the review transaction; 印发 makes one item (the decision without a deadline none)', async () => {
    const r = await draftMinutes(deps, await actor('secretary'), meetingId);
    expect(r.draftNumber).toBe('审〔2026〕1号');
    const steps = await db.prisma.reviewStep.findMany({ orderBy: { position: 'asc' } });
    expect(steps.map((s) => [s.label, s.personName, s.status])).toEqual([
      ['办公室主任审核', '陈主任', 'current'],
      ['主持领导签发', '张县长', 'waiting'],
    ]);
    const ref = async (i: number) => {
      const s = (await db.prisma.reviewStep.findMany({ orderBy: { position: 'asc' } }))[i]!;
      return { draftId: s.draftId, stepId: s.id, version: s.version };
    };
    await approve(deps, await actor('director'), await ref(0), '');
    expect((await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).minutesNumber).toBe('');
    await approve(deps, await actor('county'), await ref(1), '同意');
    const m = await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect({ status: m.status, minutesStatus: m.minutesStatus, number: m.minutesNumber }).toEqual({
      status: 'issued',
      minutesStatus: 'issued',
      number: '〔2026〕1号',
    });
    expect((await db.prisma.meetingEvent.findMany({ where: { meetingId } })).map((e) => e.kind)).toEqual([
      'hold',
      'minutes_drafted',
      'minutes_signed',
      'issue',
    ]);
    const items = await db.prisma.supervisionItem.findMany();
    expect(items.map((i) => [i.content, i.sourceType, i.sourceRef, i.deadline, i.leaderId])).toEqual([
      ['年底前完成主管网改造', 'meeting', '县政府第1次常务会议 议题1', '2026-12-31', ids.vice],
    ]);
  }, 60_000);

  it('印发 again (a sweep after a failure cut it short) creates no second item and queues no second file', async () => {
    const outbox = await db.prisma.outboxMessage.count();
    await db.prisma.meeting.update({ where: { id: meetingId }, data: { status: 'minutes', minutesStatus: 'signed' } });
    await db.prisma.meetingDecision.updateMany({ data: { supervisionItemId: null, supervisionNumber: '' } });
    expect(await runMinutesSweep(deps)).toEqual({ issued: 1, implemented: 0 });
    expect(await db.prisma.supervisionItem.count()).toBe(1);
    expect((await db.prisma.meetingDecision.findFirstOrThrow({ where: { position: 1 } })).supervisionNumber).toBe('督〔2026〕1号');
    // The group's and the unit's file messages and texts are keyed per meeting and recipient: queued once.
    expect(await db.prisma.outboxMessage.count()).toBe(outbox);
    expect((await issueMinutes(deps, meetingId)).items).toBe(0);
    // Asked again for the same decision, the ledger answers with the item it already holds.
    const again = await createItemFromSource(deps, {
      title: '年底前完成主管网改造',
      unitId: ids.zj!,
      deadline: '2026-12-31',
      source: '会议议定',
      reference: '县政府第1次常务会议 议题1',
      origin: { type: 'meeting_decision', id: 'x' },
      by: 'system:test',
    });
    expect(again.created).toBe(false);
    expect(await db.prisma.supervisionItem.count()).toBe(1);
  }, 60_000);
});
