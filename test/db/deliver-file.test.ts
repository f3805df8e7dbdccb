import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { BotError } from '../../src/errors.js';
import { asFileBuildFailure, deliverFile, type FileDelivery } from '../../src/platform/export/deliver-file.js';
import { FileBuildError } from '../../src/platform/file-thread.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

const at = new Date('2026-12-01T10:00:00+08:00');

describe(`a built file delivered once (upload, queue, audit) on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  const messenger = new MemoryMessenger();
  const { log, records } = memoryLogger('info');
  let kicks = 0;
  const deps = () => ({ prisma: db.prisma, messenger, outbox: { kick: () => void kicks++ }, log });

  const delivery = (o: Partial<FileDelivery> = {}): FileDelivery => ({
    file: { name: '领导日程-第49周.xlsx', bytes: Buffer.from('PK fake xlsx'), type: 'xls' },
    recipient: { kind: 'send', to: { chatId: 'oc_office' } },
    texts: ['本周领导日程已生成。', '如有变动，以日程卡片为准。'],
    key: 'sch-weekly',
    scope: '2026-W49',
    origin: 'job:schedules.weekly',
    uploadFailed: '日程表上传飞书失败，将于下次整点重试。',
    audit: (fileKey, delivered) => ({
      actor: 'system:schedules.weekly',
      objectType: 'schedule_table',
      objectId: '2026-W49',
      action: 'export',
      after: { fileKey, delivered },
      at,
    }),
    ...o,
  });
  const queued = (scope: string) =>
    db.prisma.outboxMessage
      .findMany({ where: { uuid: { contains: scope } }, orderBy: { createdAt: 'asc' } })
      .then((rows) => rows.map((r) => [r.uuid, r.op, r.targetType, r.targetId, r.kind]));

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('sends a job’s file to a group: one upload, the file then its texts queued under stable keys, and the audit entry', async () => {
    const outcome = await deliverFile(deps(), delivery());
    expect(outcome).toEqual({ fileKey: expect.stringMatching(/^file_mem_/), delivered: 'chat' });
    expect(messenger.uploads.get(outcome.fileKey)).toMatchObject({ name: '领导日程-第49周.xlsx', fileType: 'xls' });
    expect(await queued('2026-W49')).toEqual([
      ['sch-weekly:2026-W49', 'send', 'chat_id', 'oc_office', 'file'],
      ['sch-weekly-text:2026-W49', 'send', 'chat_id', 'oc_office', 'text'],
      ['sch-weekly-text-1:2026-W49', 'send', 'chat_id', 'oc_office', 'text'],
    ]);
    const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { objectId: '2026-W49' } });
    expect(audit).toMatchObject({ actor: 'system:schedules.weekly', objectType: 'schedule_table', action: 'export' });
    expect(JSON.parse(audit.after)).toEqual({ fileKey: outcome.fileKey, delivered: 'chat' });
    expect(kicks).toBe(1);
  });

  it.each([
    [
      { kind: 'here' } as const,
      'chat',
      [
        ['sv-x:om_1', 'reply', 'message_id', 'om_1', 'file'],
        ['sv-x-text:om_1', 'reply', 'message_id', 'om_1', 'text'],
      ],
    ],
    [
      { kind: 'private', reason: 'restricted' } as const,
      'private',
      [
        ['sv-x:om_2', 'send', 'open_id', 'ou_asker', 'file'],
        ['sv-x-text:om_2', 'send', 'open_id', 'ou_asker', 'text'],
        ['sv-x-private:om_2', 'reply', 'message_id', 'om_2', 'text'],
      ],
    ],
    [
      { kind: 'private', reason: 'unknown' } as const,
      'private',
      [
        ['sv-x:om_3', 'send', 'open_id', 'ou_asker', 'file'],
        ['sv-x-text:om_3', 'send', 'open_id', 'ou_asker', 'text'],
        ['sv-x-private:om_3', 'reply', 'message_id', 'om_3', 'text'],
      ],
    ],
  ])('answers a command routed %j: delivered %s', async (route, delivered, expected) => {
    const scope = `om_${expected[0]![0]!.slice(-1)}`;
    const outcome = await deliverFile(
      deps(),
      delivery({
        key: 'sv-x',
        scope,
        texts: ['已导出。'],
        recipient: { kind: 'answer', replyTo: scope, asker: 'ou_asker', route, privateNotice: (reason) => `私信（${reason}）` },
      }),
    );
    expect(outcome.delivered).toBe(delivered);
    expect(await queued(scope)).toEqual(expected);
    if (route.kind === 'private') {
      const notice = await db.prisma.outboxMessage.findFirstOrThrow({ where: { uuid: `sv-x-private:${scope}` } });
      expect(notice.content).toBe(`私信（${route.reason}）`);
    }
  });

  it('a failed upload queues nothing, audits nothing and tells the user the feature’s words; the log has the size, not the name', async () => {
    const failing = {
      ...deps(),
      messenger: { uploadFile: async () => ({ ok: false as const, error: { kind: 'other' as const, code: 234001, message: 'Invalid request param.' } }) },
    };
    const err = await deliverFile(failing, delivery({ scope: '2026-W50' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BotError);
    expect(err).toMatchObject({ code: 'unavailable', userMessage: '日程表上传飞书失败，将于下次整点重试。' });
    expect(await queued('2026-W50')).toEqual([]);
    expect(await db.prisma.auditEntry.count({ where: { objectId: '2026-W50' } })).toBe(0);
    const line = records().find((r) => r.msg === 'file upload failed')!;
    expect(line).toMatchObject({ bytes: 12 });
    expect(JSON.stringify(line)).not.toContain('领导日程');
  });

  it('queues the messages and the audit entry in one transaction: a failing audit leaves nothing queued', async () => {
    const broken = delivery({
      scope: '2026-W51',
      audit: () => ({ actor: 'x', objectType: 'schedule_table', objectId: '2026-W51', action: 'export', at: new Date(Number.NaN) }),
    });
    await expect(deliverFile(deps(), broken)).rejects.toThrow();
    expect(await queued('2026-W51')).toEqual([]);
  });

  it('turns a failed build into the feature’s message for the user, and lets any other error through', () => {
    const failed = asFileBuildFailure({ log }, new FileBuildError('file build thread exited (1)'), '台账文件生成失败，请稍后重试。');
    expect(failed).toBeInstanceOf(BotError);
    expect(failed).toMatchObject({ code: 'unavailable', userMessage: '台账文件生成失败，请稍后重试。' });
    expect(records().some((r) => r.msg === 'file build failed')).toBe(true);
    const other = new Error('database gone');
    expect(asFileBuildFailure({ log }, other, '台账文件生成失败，请稍后重试。')).toBe(other);
  });
});
