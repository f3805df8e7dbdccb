import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeLark, FakeUser } from '../src/local/lark/server.js';
import { BROADCAST_JOB } from '../src/features/schedules/broadcast/index.js';
import { FixedClock } from '../test/fakes/clock.js';
import { buttonLabels, buttonValue, cardText } from '../test/support/cards.js';
import { startBot, startFake, type DrillBot } from './support/bot.js';
import { clickEnvelope, pushTo, redelivery } from './support/lark.js';
import { createPostgresDatabase, describeWithPostgres } from './support/postgres.js';
import { summary } from './support/report.js';

/**
 * Two instances of the bot on one PostgreSQL database, for the newer features' once-only sends:
 *   - 领导日程's morning broadcast: both schedulers tick through the same morning; each bound group gets
 *     one card per day, and the job one run;
 *   - 政务信息's periodical: the last 签发 of each issue is pushed to both instances at once (Lark's re-push
 *     landing on the other node); each issue is published once (one .docx in the 信息 group, one number,
 *     one 本级 adoption per item), whichever node handled the click.
 */
const MORNING = '2026-12-02T06:00:00+08:00'; // Wednesday, a working day
const GROUPS = 6;

await describeWithPostgres('two-instances-features', 'drill: two instances on one PostgreSQL — broadcasts and periodicals once', () => {
  let fake: FakeLark;
  let a: DrillBot;
  let b: DrillBot;
  let dropDb: () => Promise<void>;
  const clockA = new FixedClock(MORNING);
  const clockB = new FixedClock(MORNING);
  const users: Record<string, FakeUser> = {};
  let scheduleGroups: string[] = [];
  let infoGroup = '';

  const settle = async () => {
    for (let i = 0; i < 2; i++) await Promise.all([a.app.settle(), b.app.settle()]);
  };

  beforeAll(async () => {
    fake = await startFake({ perAppRate: 0, perChatRate: 0 });
    const database = await createPostgresDatabase('sanban_drill_two_features');
    dropDb = database.drop;
    [a, b] = await Promise.all([startBot({ fake, databaseUrl: database.url, clock: clockA }), startBot({ fake, databaseUrl: database.url, clock: clockB })]);
    await Promise.all([a.app.scheduler.idle(), b.app.scheduler.idle()]);
    fake.botUrl = a.app.url;
    const p = a.app.db.prisma;
    for (const n of ['联络员甲', '联络员乙', '信息科编辑', '信息科科长', '办公室主任', '分管副县长', '县长', '常务副县长']) users[n] = fake.addUser(n);
    const section = await p.unit.create({ data: { code: 'XXK', name: '信息科', kind: 'office_section' } });
    const office = await p.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office' } });
    const townA = await p.unit.create({ data: { code: 'CG', name: '城关镇', kind: 'town' } });
    const townB = await p.unit.create({ data: { code: 'XQ', name: '新区镇', kind: 'town' } });
    const add = async (name: string, unitId: string, grants: [string, string][], title = '') => {
      const person = await p.person.create({ data: { name, openId: users[name]!.openId, unitId, title } });
      for (const [role, scope] of grants) await p.roleGrant.create({ data: { personId: person.id, role, scope } });
      return person;
    };
    await add('联络员甲', townA.id, [['liaison', 'info']]);
    await add('联络员乙', townB.id, [['liaison', 'info']]);
    await add('信息科编辑', section.id, [['editor', '']]);
    await add('信息科科长', section.id, [['section_chief', '']]);
    await add('办公室主任', office.id, [['director', '']]);
    await add('分管副县长', office.id, [['leader', `unit:${section.id}`]], '副县长');
    for (const [name, title] of [
      ['县长', '县长'],
      ['常务副县长', '常务副县长'],
    ] as const) {
      const leader = await add(name, office.id, [['leader', '']], title);
      for (const start of [9 * 60, 15 * 60])
        await p.scheduleEntry.create({
          data: {
            leaderId: leader.id,
            date: '2026-12-02',
            dayPart: 'exact',
            startMinute: start,
            endMinute: start + 60,
            activity: '调研重点项目',
            place: '县政府',
            visibility: 'public',
            createdBy: 'drill',
          },
        });
    }
    scheduleGroups = Array.from({ length: GROUPS }, (_, i) => fake.addChat(`日程群${i + 1}`, [users['县长']!]));
    await p.chatBinding.createMany({ data: scheduleGroups.map((chatId) => ({ chatId, purpose: 'schedule' })) });
    infoGroup = fake.addChat('信息报送群', [users['联络员甲']!, users['联络员乙']!, users['信息科编辑']!]);
    await p.chatBinding.create({ data: { chatId: infoGroup, purpose: 'info' } });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await fake?.stop();
    await dropDb?.();
  });

  it('sends the morning schedule broadcast once per group while both schedulers tick through the morning', async () => {
    const from = new Date(MORNING);
    const to = new Date('2026-12-02T08:30:00+08:00');
    const [ranA, ranB] = await Promise.all([
      a.app.scheduler.runBetween(from, to, (t) => clockA.set(t)),
      b.app.scheduler.runBetween(from, to, (t) => clockB.set(t)),
    ]);
    // And both look again at 07:31, as a restart of either would.
    await Promise.all([a.app.scheduler.runDue(new Date('2026-12-02T07:31:00+08:00')), b.app.scheduler.runDue(new Date('2026-12-02T07:31:00+08:00'))]);
    await settle();
    const broadcasts = [...ranA, ...ranB].filter((r) => r.job === BROADCAST_JOB);
    const perGroup = scheduleGroups.map((c) => fake.cardsIn(c).length);
    const runs = await a.app.db.prisma.jobRun.findMany({ where: { job: BROADCAST_JOB } });
    const uuids = [...fake.messages.values()].map((m) => m.uuid);
    summary('two-instances-features/broadcast', {
      groups: GROUPS,
      ranOnA: broadcasts.filter((r) => r.job === BROADCAST_JOB && r.outcome === 'ran' && ranA.includes(r)).length,
      ranOnB: broadcasts.filter((r) => r.outcome === 'ran' && ranB.includes(r)).length,
      claimedElsewhere: broadcasts.filter((r) => r.outcome === 'claimed_elsewhere').length,
      cardsPerGroup: perGroup.join(','),
      duplicateUuids: uuids.length - new Set(uuids).size,
    });
    expect(broadcasts.filter((r) => r.outcome === 'ran')).toHaveLength(1);
    expect(runs.map((r) => [r.period, r.status])).toEqual([['2026-12-02T07:30', 'done']]);
    expect(perGroup).toEqual(scheduleGroups.map(() => 1));
    for (const c of scheduleGroups) expect(cardText(fake.cardsIn(c)[0]!.card)).toContain('调研重点项目');
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  const dm = (name: string) => fake.p2pChatId(users[name]!.openId);
  const say = async (name: string, text: string, via: DrillBot) => {
    fake.botUrl = via.app.url;
    await fake.userSays({ chatId: dm(name), from: users[name]!, text, p2p: true });
    await settle();
  };
  const lastCard = (name: string) => fake.cardsIn(dm(name)).at(-1)!;
  const click = async (by: string, label: string, via: DrillBot, formValue?: Record<string, unknown>) => {
    fake.botUrl = via.app.url;
    const c = lastCard(by);
    const r = await fake.click({ messageId: c.messageId, by: users[by]!, value: buttonValue(c.card, label), ...(formValue ? { formValue } : {}) });
    await settle();
    return r;
  };

  /** One issue, its steps handled by alternating nodes; the 签发 pushed to both at once (`order` says which first). */
  async function publishIssue(n: number, notes: number, order: 'a-first' | 'b-first'): Promise<{ statuses: number[]; ms: number }> {
    const started = Date.now();
    clockA.set(new Date(`2026-12-0${1 + n}T10:00:00+08:00`));
    clockB.set(new Date(`2026-12-0${1 + n}T10:00:00+08:00`));
    for (let i = 0; i < notes; i++)
      await say(
        i % 2 ? '联络员乙' : '联络员甲',
        `信息 报送 【工作动态】第${n}期第${i + 1}条：镇里召开安全生产工作部署会，排查隐患${10 + i}处，已整改${5 + i}处。`,
        i % 2 ? b : a,
      );
    await say('信息科编辑', '信息 起草 今天', a);
    for (let guard = 0; guard < notes * 2 && buttonLabels(lastCard('信息科编辑').card).includes('采用'); guard++)
      await click('信息科编辑', '采用', guard % 2 ? a : b);
    await say('信息科编辑', '信息 编期', b);
    await click('信息科编辑', '确认编期', a);
    await click('信息科科长', '通过', b, { comment: '' });
    await click('办公室主任', '通过', a, { comment: '同意' });
    const card = lastCard('分管副县长');
    expect(cardText(card.card)).toContain('领导签发');
    const e = clickEnvelope(fake, {
      messageId: card.messageId,
      chatId: dm('分管副县长'),
      by: users['分管副县长']!.openId,
      value: buttonValue(card.card, '通过'),
      formValue: { comment: '' },
    });
    const [first, second] = order === 'a-first' ? [a, b] : [b, a];
    const answers = await Promise.all([pushTo(fake, first.app.url, e), pushTo(fake, second.app.url, redelivery(e, true))]);
    await settle();
    return { statuses: answers.map((x) => x.status), ms: Date.now() - started };
  }

  it('publishes each information periodical once when its 签发 reaches both instances', async () => {
    const p = a.app.db.prisma;
    const one = await publishIssue(1, 3, 'a-first');
    const two = await publishIssue(2, 2, 'b-first');
    const issues = await p.infoIssue.findMany({ orderBy: { createdAt: 'asc' } });
    const files = fake.filesIn(infoGroup);
    const adoptions = await p.infoAdoption.findMany();
    const compiled = await p.infoItem.count({ where: { state: 'compiled' } });
    summary('two-instances-features/periodical', {
      issues: issues.length,
      published: issues.filter((i) => i.state === 'published').length,
      numbers: issues.map((i) => i.number).join(','),
      filesInInfoGroup: files.length,
      adoptions: adoptions.length,
      itemsCompiled: compiled,
      signStatuses: [...one.statuses, ...two.statuses].join(','),
      ms: one.ms + two.ms,
    });
    expect([...one.statuses, ...two.statuses].every((s) => s === 200)).toBe(true);
    expect(issues.map((i) => i.state)).toEqual(['published', 'published']);
    expect(files.map((f) => f.file.name)).toEqual(['政务信息2026年第1期.docx', '政务信息2026年第2期.docx']);
    // Every drafted item was adopted and compiled into one of the two issues, with one 本级 adoption each.
    expect(compiled).toBeGreaterThanOrEqual(2);
    expect(await p.infoItem.count({ where: { state: { not: 'compiled' } } })).toBe(0);
    expect(adoptions).toHaveLength(compiled);
    expect(new Set(adoptions.map((x) => `${x.itemId}|${x.level}`)).size).toBe(compiled);
    expect(new Set(adoptions.map((x) => x.issueId))).toEqual(new Set(issues.map((i) => i.id)));
    const sent = [...fake.messages.values()].filter((m) => m.uuid);
    const twice = sent.filter((m) => sent.filter((x) => x.uuid === m.uuid).length > 1).map((m) => `${m.uuid} ${m.chatId} ${m.msgType}`);
    expect(twice).toEqual([]);
    expect(await p.outboxMessage.count({ where: { status: { notIn: ['sent', 'superseded'] } } })).toBe(0);
  });
});
