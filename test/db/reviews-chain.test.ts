import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import { loadActor } from '../../src/features/org/index.js';
import '../../src/features/org/policy.js';
import '../../src/features/reviews/index.js';
import { approve, reconfirm, returnDraft } from '../../src/features/reviews/use-cases/decide.js';
import { resubmit } from '../../src/features/reviews/use-cases/resubmit.js';
import { submitDraft } from '../../src/features/reviews/use-cases/submit.js';
import { syncDocument } from '../../src/features/reviews/use-cases/revisions.js';
import { createLogger } from '../../src/logger.js';
import { CalendarService } from '../../src/platform/calendar/calendar-service.js';
import { DEFAULT_HOURS } from '../../src/platform/calendar/working-hours.js';
import { enqueue } from '../../src/platform/outbox/outbox.js';
import { JobControl } from '../../src/platform/scheduler/job-control.js';
import type { Documents } from '../../src/ports/documents.js';
import type { Result } from '../../src/ports/messenger.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

/** A Feishu document stand-in: revision, text, last editor; `deny` answers as Lark does for an unreadable doc. */
class MemoryDocuments implements Documents {
  docs = new Map<string, { revision: number; text: string; editor?: string }>();
  deny = new Map<string, { status?: number; code?: number }>();
  subscribed: string[] = [];
  private fail<T>(token: string): Result<T> | undefined {
    const d = this.deny.get(token);
    if (d) return { ok: false, error: { kind: 'other', message: 'denied', ...d } };
    if (!this.docs.has(token)) return { ok: false, error: { kind: 'other', code: 1770002, message: 'not found' } };
    return undefined;
  }
  /** Runs once on the next read of the document (an edit landing between two reads). */
  afterNextRead?: () => void;
  async getDocument(token: string) {
    const hook = this.afterNextRead;
    this.afterNextRead = undefined;
    queueMicrotask(() => hook?.());
    return this.fail<never>(token) ?? { ok: true as const, value: { token, title: 't', revisionId: this.docs.get(token)!.revision } };
  }
  async rawContent(token: string) {
    return this.fail<string>(token) ?? { ok: true as const, value: this.docs.get(token)!.text };
  }
  async lastEdit(token: string) {
    return this.fail<never>(token) ?? { ok: true as const, value: { openId: this.docs.get(token)!.editor } };
  }
  async subscribe(token: string) {
    this.subscribed.push(token);
    return { ok: true as const, value: undefined };
  }
  edit(token: string, text: string, editor: string) {
    const d = this.docs.get(token)!;
    this.docs.set(token, { revision: d.revision + 2, text, editor });
  }
}

describe(`文稿审核 chain on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let deps: FeatureDeps;
  /** A file draft's file is downloaded from the drafter's message and uploaded once for the reviewers. */
  const fileMessenger = () => {
    const m = new MemoryMessenger();
    m.downloadFile = async () => ({ ok: true, value: Buffer.from('文稿') });
    return m;
  };
  const docs = new MemoryDocuments();
  let now = new Date('2026-12-01T09:00:00+08:00');
  const ids: Record<string, string> = {};
  const TOKEN = 'DocNormative0000000000000001';
  const LINK = `https://example.feishu.cn/docx/${TOKEN}`;

  beforeAll(async () => {
    const t = await createTestDatabaseUrl();
    drop = t.drop;
    db = await openDatabase(t.url);
    await migrate(db);
    const log = createLogger('silent');
    deps = {
      prisma: db.prisma,
      sql: db.sql,
      clock: { now: () => now },
      messenger: fileMessenger(),
      documents: docs,
      log,
      outbox: { deliver: (item) => enqueue(db.prisma, item), kick: () => {} },
      calendar: await CalendarService.load(db.prisma, DEFAULT_HOURS),
      bootstrapAdmins: [],
      jobs: new JobControl(),
      settings: { supervision: { chaseCron: '0 9 * * *', reportCron: '30 9 * * 1', remindBefore: [3, 1, 0], firstOverdue: 1, escalateAt: 3, repeatEvery: 5 } },
    };
    const p = db.prisma;
    const zh = await p.unit.create({ data: { code: 'ZHK', name: '综合科', kind: 'office_section' } });
    const ms = await p.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } });
    const office = await p.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    ids.zh = zh.id;
    ids.ms = ms.id;
    const person = async (key: string, name: string, unitId: string, title: string, roles: [string, string][]) => {
      const row = await p.person.create({
        data: { name, openId: `ou_${key}`, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } },
      });
      ids[key] = row.id;
    };
    await person('drafter', '李文', zh.id, '科员', []);
    await person('chief', '周科长', zh.id, '科长', [['section_chief', '']]);
    await person('vice', '卫副主任', office.id, '副主任', [['director', `unit:${zh.id}`]]);
    await person('legal', '秦审查', office.id, '法制股股长', [['legal_reviewer', '']]);
    await person('director', '陈主任', office.id, '办公室主任', [['director', '']]);
    docs.docs.set(TOKEN, { revision: 1, text: '第一条 总则\n第二条 适用范围\n第三条 施行日期', editor: 'ou_drafter' });
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const actor = (key: string) => loadActor(db.sql, `ou_${key}`, []);
  const counts = async () => ({
    drafts: await db.prisma.reviewDraft.count(),
    steps: await db.prisma.reviewStep.count(),
    events: await db.prisma.reviewEvent.count(),
    outbox: await db.prisma.outboxMessage.count(),
  });
  const steps = async (draftId: string) => db.prisma.reviewStep.findMany({ where: { draftId }, orderBy: { position: 'asc' } });
  const refOf = async (draftId: string, label: string) => {
    const s = (await steps(draftId)).find((x) => x.label === label)!;
    return { draftId, stepId: s.id, version: s.version };
  };
  const cardsTo = async (openId: string, word: string) =>
    (await db.prisma.outboxMessage.findMany({ where: { targetId: openId } })).filter((m) => m.content.includes(word)).length;

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = await counts();
    const drafter = await actor('drafter');
    const submit = (over: Partial<Parameters<typeof submitDraft>[2]>) =>
      submitDraft(deps, drafter, { title: '测试', kind: 'normative', urgency: 'normal', link: LINK, ...over }).then(
        () => 'ok',
        (e: Error & { userMessage?: string }) => e.userMessage ?? e.message,
      );
    expect(await submit({ kind: undefined, kindTyped: '公告' })).toBe(
      '无法识别文稿类型「公告」。可选：普通文稿、请示报告、讲话稿、会议纪要、政务信息、规范性文件。',
    );
    docs.deny.set('DocForbidden00000000000000001', { status: 403 });
    expect(await submit({ link: 'https://example.feishu.cn/docx/DocForbidden00000000000000001' })).toContain('助手无法读取该文档');
    expect(await submit({ link: 'https://example.feishu.cn/docx/DocMissing0000000000000000001' })).toContain('「添加文档应用」');
    expect(await submit({ link: 'https://example.com/not-a-doc' })).toContain('文档链接格式不正确');
    // 秘书科 has no 科长 and no deputy in charge: the chain cannot be resolved.
    expect(await submit({ unitId: ids.ms })).toBe(
      '规范性文件的审核流程无法确定：第 1 级「科长」无人可审：秘书科没有登记科长（名册中「科长」角色、所在单位为秘书科）。请管理员在名册中登记，或在审核流程中为这一级指定人员。',
    );
    expect(await counts()).toEqual(before);
  });

  it('runs 规范性文件 科长 → 分管副主任 → 法制审查 → 主任 with a return, an edit, a void and a re-confirm', async () => {
    const { draft } = await submitDraft(deps, await actor('drafter'), { title: '县政府规范性文件管理办法', kind: 'normative', urgency: 'urgent', link: LINK });
    expect(draft.number).toBe('审〔2026〕1号');
    expect(docs.subscribed).toContain(TOKEN);
    expect((await steps(draft.id)).map((s) => [s.label, s.personName, s.status])).toEqual([
      ['科长', '周科长', 'current'],
      ['分管副主任', '卫副主任', 'waiting'],
      ['法制审查', '秦审查', 'waiting'],
      ['主任', '陈主任', 'waiting'],
    ]);
    expect(await cardsTo('ou_chief', '请审核')).toBe(1);

    now = new Date('2026-12-01T10:00:00+08:00');
    await approve(deps, await actor('chief'), await refOf(draft.id, '科长'), '');
    // A second click on the same card (same version) is stale and changes nothing.
    const again = await approve(deps, await actor('chief'), { ...(await refOf(draft.id, '科长')), version: 0 }, '').catch((e: { code: string }) => e.code);
    expect(again).toBe('stale_card');
    // Someone else clicking the 副主任's card is refused.
    const intruder = await approve(deps, await actor('chief'), await refOf(draft.id, '分管副主任'), '').catch(
      (e: { code: string; userMessage: string }) => e.userMessage,
    );
    expect(intruder).toContain('仅限卫副主任（分管副主任）本人操作');

    // 退回 without a comment is refused; with one, the draft goes back.
    const before = await counts();
    const bare = await returnDraft(deps, await actor('vice'), await refOf(draft.id, '分管副主任'), '  ').catch((e: { userMessage: string }) => e.userMessage);
    expect(bare).toBe('退回修改须填写修改意见，请写明需要修改的内容。');
    expect(await counts()).toEqual(before);
    await returnDraft(deps, await actor('vice'), await refOf(draft.id, '分管副主任'), '第二条适用范围请写明到行政机关');
    expect((await db.prisma.reviewDraft.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('returned');

    // The drafter edits the document: the edit hint re-reads it and voids the 科长's sign-off on revision 1.
    docs.edit(TOKEN, '第一条 总则\n第二条 适用范围为全县行政机关\n第三条 施行日期', 'ou_drafter');
    await syncDocument(deps, draft.id, 'system:test');
    const chief = (await steps(draft.id)).find((s) => s.label === '科长')!;
    expect([chief.status, chief.revision]).toEqual(['voided', 1]);
    expect(await cardsTo('ou_chief', '请重新确认')).toBe(1);
    const voided = await db.prisma.reviewEvent.findFirstOrThrow({ where: { draftId: draft.id, kind: 'voided' } });
    expect(JSON.parse(voided.data)).toMatchObject({ from: 1, to: 3, editor: '李文', diff: ['- 第二条 适用范围', '+ 第二条 适用范围为全县行政机关'] });

    const draftNow = await db.prisma.reviewDraft.findUniqueOrThrow({ where: { id: draft.id } });
    await resubmit(deps, await actor('drafter'), draft.id, draftNow.version);
    expect((await steps(draft.id)).map((s) => s.status)).toEqual(['voided', 'current', 'waiting', 'waiting']);
    await approve(deps, await actor('vice'), await refOf(draft.id, '分管副主任'), '');
    await approve(deps, await actor('legal'), await refOf(draft.id, '法制审查'), '');
    // The final sign-off is refused while the 科长 has not re-confirmed on revision 3.
    const early = await approve(deps, await actor('director'), await refOf(draft.id, '主任'), '').catch((e: { userMessage: string }) => e.userMessage);
    expect(early).toContain('科长 周科长尚未在该版本上确认，暂不能最终通过');
    await reconfirm(deps, await actor('chief'), { ...(await refOf(draft.id, '科长')), revision: 3 });
    await approve(deps, await actor('director'), await refOf(draft.id, '主任'), '');

    const done = await db.prisma.reviewDraft.findUniqueOrThrow({ where: { id: draft.id } });
    expect([done.status, done.revision]).toEqual(['approved', 3]);
    expect((await steps(draft.id)).map((s) => [s.status, s.revision])).toEqual([
      ['approved', 3],
      ['approved', 3],
      ['approved', 3],
      ['approved', 3],
    ]);
    const audit = await db.prisma.auditEntry.findMany({ where: { objectType: 'review_draft', objectId: draft.number }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual([
      'submit',
      'approve',
      'return',
      'revision_moved',
      'void',
      'resubmit',
      'approve',
      'approve',
      'reconfirm',
      'approve',
      'finalise',
    ]);
    for (const a of audit.filter((x) => x.action === 'approve' || x.action === 'reconfirm')) expect(JSON.parse(a.after).revision).toBeTypeOf('number');
  });

  it('two acts at once on one level: exactly one wins, the other is a stale card, nothing doubled', async () => {
    for (let round = 0; round < 10; round++) {
      const { draft } = await submitDraft(deps, await actor('drafter'), {
        title: `并发测试${round}`,
        kind: 'general',
        urgency: 'normal',
        file: { messageId: `om_${round}`, key: `fk_${round}`, name: 'a.docx' },
      });
      const ref = await refOf(draft.id, '科长');
      const chief = await actor('chief');
      // The same 通过 twice, and 通过 against 退回修改: the step's compare-and-set lets one through.
      const attempts =
        round % 2 === 0
          ? [approve(deps, chief, ref, ''), approve(deps, chief, ref, '')]
          : [approve(deps, chief, ref, ''), returnDraft(deps, chief, ref, '请修改')];
      const outcomes = await Promise.allSettled(attempts);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect((lost.reason as { code: string }).code).toBe('stale_card');
      const events = await db.prisma.reviewEvent.findMany({ where: { draftId: draft.id, kind: { in: ['approve', 'return'] } } });
      expect(events).toHaveLength(1);
      const holderCards = await db.prisma.outboxMessage.count({ where: { targetId: 'ou_vice', content: { contains: `并发测试${round}` } } });
      expect(holderCards).toBe(events[0]!.kind === 'approve' ? 1 : 0);
    }
  });

  it('an edit landing just before the final sign-off is caught: refused, older sign-offs voided', async () => {
    const token = 'DocLastMinute000000000000001';
    docs.docs.set(token, { revision: 1, text: '一、总体要求\n二、工作措施', editor: 'ou_drafter' });
    const { draft } = await submitDraft(deps, await actor('drafter'), {
      title: '工作方案',
      kind: 'general',
      urgency: 'normal',
      link: `https://example.feishu.cn/docx/${token}`,
    });
    await approve(deps, await actor('chief'), await refOf(draft.id, '科长'), '');
    await approve(deps, await actor('vice'), await refOf(draft.id, '分管副主任'), '');
    // The director's click re-reads revision 1; the drafter saves right after that read.
    docs.afterNextRead = () => docs.edit(token, '一、总体要求\n二、工作措施\n三、保障措施', 'ou_drafter');
    const refused = await approve(deps, await actor('director'), await refOf(draft.id, '主任'), '').catch((e: { userMessage: string }) => e.userMessage);
    expect(refused).toBe('文稿刚有修改（现为第3版），请核对修改后再点击「通过」。');
    const now2 = await db.prisma.reviewDraft.findUniqueOrThrow({ where: { id: draft.id } });
    expect([now2.status, now2.revision]).toEqual(['reviewing', 3]);
    expect((await steps(draft.id)).map((x) => x.status)).toEqual(['voided', 'voided', 'current']);
  });
});
