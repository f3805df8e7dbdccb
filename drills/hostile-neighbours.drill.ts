import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { hex } from '../src/local/lark/crypto.js';
import { messageReceived } from '../src/local/lark/events.js';
import type { FakeLark } from '../src/local/lark/server.js';
import { CalendarService } from '../src/platform/calendar/calendar-service.js';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../src/platform/calendar/working-hours.js';
import { beijingDate } from '../src/platform/time.js';
import { buttonValue, cardText } from '../test/support/cards.js';
import { createTestDatabaseUrl, testProvider } from '../test/support/database.js';
import { botEnv, startFake } from './support/bot.js';
import { spawnBot, type BotProcess } from './support/child.js';
import { clickEnvelope, commandEnvelope, healthz, postTo, signed, type Answer, type SignedRequest } from './support/lark.js';
import { spawnLocalMode, type LocalProcess } from './support/local-process.js';
import { seedOffice, type Office } from './support/office.js';
import { localPageAttacks, localPageView } from './support/page-attacks.js';
import { repliesByParent } from './support/replies.js';
import { summary } from './support/report.js';
import { sampleRss } from './support/rss.js';
import { openSlowBody, type SlowBody } from './support/slow-body.js';
import { pooled, sleep, waitFor } from './support/wait.js';

/**
 * Drill 7 — hostile neighbours. The bot (as its own process, as `npm start` runs it) and a local-mode
 * page, while, all at once for about 4.5 minutes:
 * - 200 slow bodies hold connections: 150 send the headers (no signature) and 900 KB of a declared 1 MB
 *   body, then stall; 50 send forged signature headers and trickle one byte a second;
 * - 10,000 requests arrive without (complete) signature headers, each carrying a command that would
 *   create an item if it were believed;
 * - cross-site, wrong-Origin, DNS-rebinding, token-less and 2 MB requests hit the local page's API;
 * - one signed 立项 form submission and one signed 督办 新建 command are re-sent byte for byte at 31 s
 *   and at 4 min (inside Lark's 5-minute signature window, past a 30-second dedup window).
 * The bot's RSS stays under RSS_BOUND_MB (and grows less than RSS_GROWTH_BOUND_MB), it keeps answering /healthz, the server ends every slow body
 * well before Node's 300-second default, every unsigned request is refused, and nothing acts twice.
 */
const STALLED = 150;
const TRICKLING = 50;
const MISSING_SIGNATURE = 10_000;
const REPLAY_AT_MS = [31_000, 240_000];
/** A slow body must be answered or cut off by the server within this (Node's default: 300 s). */
const SLOW_ENDED_WITHIN_MS = 120_000;
/**
 * The bot process's RSS (MB): its peak, and its growth over the first sample (the idle process under
 * tsx, with its delivery thread, already sits at 300-380 MB, and that varies run to run, so the peak
 * bound leaves room above the highest idle figure). Measured on this 2-core machine (SQLite): with the
 * merged fixes (signature headers checked before the body is read, 10 s request timeout, a shared body
 * budget) peak 442 MB on a 376 MB baseline, growth 66 MB; without them (every body buffered, held for
 * Node's 300 s) peak 495-511 MB, growth 158-165 MB, and 200 of 200 slow bodies still held after 120 s.
 * A clean-clone CI run measured peak 469 MB on a 393 MB baseline (growth 76 MB). The growth bound is
 * the one that tells the two apart; the peak bound only catches a runaway, with room for the baseline's
 * spread. Bounds: peak 560 MB, growth 120 MB.
 */
const RSS_BOUND_MB = 560;
const RSS_GROWTH_BOUND_MB = 120;
/** The local-mode process (its fake Lark in-process) under the page attacks: peaks of 362-421 MB measured. */
const LOCAL_RSS_BOUND_MB = 500;

describe(`drill: hostile neighbours (${testProvider})`, () => {
  let fake: FakeLark;
  let db: Database;
  let dropDb: () => Promise<void>;
  let office: Office;
  let bot: BotProcess;
  let local: LocalProcess;
  let deadline: string;
  const slow: SlowBody[] = [];

  beforeAll(async () => {
    fake = await startFake();
    const created = await createTestDatabaseUrl();
    dropDb = created.drop;
    db = await openDatabase(created.url);
    await migrate(db);
    office = await seedOffice(db.prisma, fake);
    const calendar = await CalendarService.load(db.prisma, parseWorkingHours(DEFAULT_WORKING_HOURS));
    deadline = calendar.current().addWorkingDays(beijingDate(new Date()), 15);
    bot = await spawnBot(botEnv(fake, created.url, { LOG_LEVEL: 'warn' }));
    fake.botUrl = bot.url;
    local = await spawnLocalMode();
  }, 90_000);
  afterAll(async () => {
    for (const s of slow) s.destroy();
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
    await local?.stop();
    await db?.close();
    await fake?.stop();
    await dropDb?.();
  });

  it('keeps its memory bounded, refuses every hostile request and acts on nothing twice', { timeout: 360_000 }, async () => {
    const broken: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) broken.push(what);
    };
    const leader = await db.prisma.person.findFirstOrThrow({ where: { openId: office.leader.openId } });

    // The form to submit, opened the normal way.
    await fake.userSays({ chatId: office.supervisionGroup, from: office.supervisor, text: '@三办助手 督办 新建' });
    const form = await waitFor('the 立项 form', () => fake.cardsIn(office.supervisionGroup).find((c) => cardText(c.card).includes('督办事项立项')), {
      timeoutMs: 20_000,
    });
    const formContent = `加固城东防洪堤（重放${hex(3)}）`;
    const commandContent = `整治城西农贸市场周边秩序（重放${hex(3)}）`;
    const formSubmit = signed(
      fake,
      clickEnvelope(fake, {
        messageId: form.messageId,
        chatId: office.supervisionGroup,
        by: office.supervisor.openId,
        value: buttonValue(form.card, '立项'),
        formValue: {
          content: formContent,
          unit: office.units.housing,
          leader: leader.id,
          deadline: `${deadline} +0800`,
          source: 'meeting',
          ref: '第12次常务会',
          cycle: 'weekly',
          urgency: 'normal',
          promised: 'no',
        },
        name: 'submit',
      }),
    );
    const command = commandEnvelope(fake, {
      chatId: office.supervisionGroup,
      from: office.supervisor,
      text: `督办 新建 ${commandContent} 单位:县住建局 期限:${deadline}`,
    });
    const commandRequest = signed(fake, command);
    const itemsWith = (content: string) => db.prisma.supervisionItem.count({ where: { content } });

    const started = Date.now();
    const botRss = sampleRss(bot.child.pid!);
    const localRss = sampleRss(local.child.pid!);
    const baselineMb = botRss.peak();
    const healthStatuses: number[] = [];
    let running = true;
    const health = (async () => {
      while (running) {
        healthStatuses.push(await healthz(bot.url));
        await sleep(5000);
      }
    })();

    // 1. The signed originals, then the same bytes again at 31 s and at 4 min.
    const send = (r: SignedRequest) => postTo(bot.url, r, 10_000);
    const [firstForm, firstCommand] = await Promise.all([send(formSubmit), send(commandRequest)]);
    check(
      firstForm.status === 200 && JSON.stringify(firstForm.body).includes('已立项'),
      `the original 立项 submission was not accepted: ${firstForm.status} ${JSON.stringify(firstForm.body).slice(0, 200)}`,
    );
    check(firstCommand.status === 200, `the original command was not acked: ${firstCommand.status}`);
    const replayAnswers: Answer[] = [];
    const replays = (async () => {
      for (const at of REPLAY_AT_MS) {
        await sleep(started + at - Date.now());
        replayAnswers.push(...(await Promise.all([send(formSubmit), send(commandRequest)])));
      }
    })();

    // 2. Slow bodies: connections held open by the client.
    for (let i = 0; i < STALLED + TRICKLING; i++) {
      const stalled = i < STALLED;
      slow.push(
        openSlowBody(bot.url, {
          path: '/lark/events',
          headers: stalled
            ? {}
            : { 'X-Lark-Request-Timestamp': String(Math.floor(Date.now() / 1000)), 'X-Lark-Request-Nonce': hex(8), 'X-Lark-Signature': hex(32) },
          declaredBytes: stalled ? 1_000_000 : 100_000,
          firstBytes: stalled ? 900_000 : 1024,
          ...(stalled ? {} : { trickleEveryMs: 1000, trickleBytes: 1 }),
        }),
      );
      if (i % 20 === 19) await sleep(50);
    }

    // 3. Requests without (complete) signature headers, each a command that would act if believed.
    const forgedIds: string[] = [];
    const unsignedStatuses = new Map<number, number>();
    const headerSets: Record<string, string>[] = [
      {},
      { 'x-lark-request-timestamp': String(Math.floor(Date.now() / 1000)) },
      { 'x-lark-request-nonce': 'n' },
      { 'x-lark-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-lark-request-nonce': 'n' },
      { 'x-lark-signature': hex(32) },
    ];
    let unsignedDoneMs = 0;
    const unsigned = pooled(
      Array.from({ length: MISSING_SIGNATURE }, (_, i) => i),
      32,
      async (i) => {
        const envelope = messageReceived(fake.envelope, {
          chatId: office.supervisionGroup,
          chatType: 'group',
          senderOpenId: office.supervisor.openId,
          text: `@_user_1 督办 新建 无签名请求第${i + 1}项 单位:县住建局 期限:${deadline}`,
          mentions: [{ key: '@_user_1', openId: fake.botOpenId, name: '三办助手' }],
        });
        forgedIds.push(envelope.event.message.message_id);
        const r = await postTo(bot.url, { body: JSON.stringify(envelope), headers: headerSets[i % headerSets.length]! }, 10_000);
        unsignedStatuses.set(r.status, (unsignedStatuses.get(r.status) ?? 0) + 1);
      },
    ).then(() => (unsignedDoneMs = Date.now() - started));

    // 4. Hostile pages against the local page, while the page itself keeps working.
    const pageBefore = await localPageView(local);
    const attacks = localPageAttacks(local);

    const [, , attackResults] = await Promise.all([replays, unsigned, attacks]);
    // Slow bodies: by now (4 min in) every one should have been ended by the server long ago.
    await waitFor('slow bodies to be ended by the server', () => slow.every((s) => s.endedAt !== undefined), {
      timeoutMs: Math.max(1000, started + REPLAY_AT_MS.at(-1)! + 5000 - Date.now()),
    }).catch(() => undefined);
    const slowHeld = slow.filter((s) => s.endedAt === undefined || s.endedAt - s.startedAt > SLOW_ENDED_WITHIN_MS);

    // Let the bot finish whatever the replays might have started.
    await sleep(3000);
    running = false;
    await health;
    const bRss = botRss.stop();
    const lRss = localRss.stop();
    const pageAfter = await localPageView(local);

    const formItems = await itemsWith(formContent);
    const commandItems = await itemsWith(commandContent);
    const commandReplies = repliesByParent(fake).get(command.event.message.message_id)?.length ?? 0;
    const replies = repliesByParent(fake);
    const forgedAnswered = forgedIds.filter((id) => replies.has(id)).length;
    const forgedItems = await db.prisma.supervisionItem.count({ where: { content: { startsWith: '无签名请求' } } });

    check(
      slowHeld.length === 0,
      `${slowHeld.length} of ${slow.length} slow bodies were still held by the server more than ${SLOW_ENDED_WITHIN_MS / 1000} s after they started (stalled: ${slowHeld.filter((s) => slow.indexOf(s) < STALLED).length})`,
    );
    check(
      [...unsignedStatuses.keys()].every((s) => s === 400 || s === 401),
      `requests without signature headers answered ${JSON.stringify(Object.fromEntries(unsignedStatuses))} (want 400/401 only)`,
    );
    check(forgedAnswered === 0 && forgedItems === 0, `unsigned requests acted: ${forgedAnswered} answered, ${forgedItems} items`);
    check(bRss.peakMb < RSS_BOUND_MB, `the bot's RSS peaked at ${bRss.peakMb.toFixed(0)} MB (bound ${RSS_BOUND_MB} MB)`);
    check(
      bRss.peakMb - baselineMb < RSS_GROWTH_BOUND_MB,
      `the bot's RSS grew by ${(bRss.peakMb - baselineMb).toFixed(0)} MB (bound ${RSS_GROWTH_BOUND_MB} MB)`,
    );
    check(
      healthStatuses.every((s) => s === 200),
      `/healthz answered ${JSON.stringify(healthStatuses)} during the drill`,
    );
    check(formItems === 1, `one 立项 form submission, re-sent at ${REPLAY_AT_MS.map((ms) => `${ms / 1000} s`).join(' and ')}, created ${formItems} items`);
    check(
      commandItems === 1 && commandReplies === 1,
      `one 督办 新建 command, re-sent likewise, created ${commandItems} items and got ${commandReplies} replies`,
    );
    check(
      replayAnswers.every((a) => a.status !== 0 && a.status < 500),
      `replays answered ${replayAnswers.map((a) => a.status).join(',')}`,
    );
    for (const problem of attackResults.problems) broken.push(`local page: ${problem}`);
    check(pageAfter.messages === pageBefore.messages, `local page: the 督查群 went from ${pageBefore.messages} to ${pageAfter.messages} messages under attack`);
    check(
      pageAfter.clockMs - pageBefore.clockMs < 3_600_000,
      `local page: the clock moved ${((pageAfter.clockMs - pageBefore.clockMs) / 3_600_000).toFixed(1)} h under attack`,
    );
    check(lRss.peakMb < LOCAL_RSS_BOUND_MB, `local page: the local-mode process's RSS peaked at ${lRss.peakMb.toFixed(0)} MB (bound ${LOCAL_RSS_BOUND_MB} MB)`);
    // The page itself still works: a person's message goes through.
    const ok = await fetch(`${local.url}/local/api/say`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sanban-session': local.token },
      body: JSON.stringify({ chatId: 'oc_demo_supervision', from: 'ou_demo_supervisor', text: '@三办助手 帮助' }),
    });
    check(ok.status === 200, `local page: its own request was answered ${ok.status}`);

    summary('hostile-neighbours', {
      db: testProvider,
      slowBodies: slow.length,
      slowHeldPast120s: slowHeld.length,
      slowAnswered: slow.filter((s) => s.status !== undefined).length,
      unsigned: MISSING_SIGNATURE,
      unsignedDoneMs,
      unsignedStatuses: JSON.stringify(Object.fromEntries(unsignedStatuses)),
      botRssBaselineMb: baselineMb,
      botRssPeakMb: bRss.peakMb,
      botRssBoundMb: RSS_BOUND_MB,
      botRssGrowthBoundMb: RSS_GROWTH_BOUND_MB,
      localRssPeakMb: lRss.peakMb,
      localAttacks: attackResults.sent,
      localRefused: attackResults.refused,
      formItems,
      commandItems,
      commandReplies,
      replayStatuses: replayAnswers.map((a) => a.status).join('/'),
      healthChecks: healthStatuses.length,
      ms: Date.now() - started,
    });
    expect(broken).toEqual([]);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
