import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { CLOSE_JOB, NUDGE_JOB } from '../src/features/briefs/board/index.js';
import { createLogger } from '../src/logger.js';
import { FakeLark } from '../src/local/lark/server.js';
import type { Clock } from '../src/ports/clock.js';
import { freshSqlite } from './pg.js';
import { median } from './stats.js';

/**
 * 政务信息's daily board for U units (500) through the whole bot on SQLite: the editor's `信息 今日` (command
 * in, card out, through the real SDK and the fake Lark), against `我是谁` — the lightest command, same path —
 * in the same run; then the 16:00 nudge of the units not reported (every DM delivered) against the minimum
 * Lark's limits allow (50 messages/s per app), and the close that records their 漏报.
 */
export interface BriefBoardResult {
  units: number;
  reported: number;
  zero: number;
  unreported: number;
  rounds: number;
  boardMs: number;
  baselineMs: number;
  ratio: number;
  nudgeSeconds: number;
  nudgeMinimumSeconds: number;
  nudgeRatio: number;
  nudged: number;
  closeMs: number;
  missed: number;
}

export async function benchBriefBoard(o: { units: number; rounds: number }): Promise<BriefBoardResult> {
  const fake = await new FakeLark({ perAppRate: 50, perChatRate: 5, encryptKey: 'bench-key', verificationToken: 'bench-token' }).start();
  const database = freshSqlite('briefs');
  let now = new Date('2026-12-02T10:00:00+08:00'); // Wednesday, a working day
  const clock: Clock = { now: () => now } as Clock;
  const config = loadConfig({
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: fake.appSecret,
    LARK_ENCRYPT_KEY: 'bench-key',
    LARK_VERIFICATION_TOKEN: 'bench-token',
    LARK_DOMAIN: fake.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
  });
  const app = await startApp({ config, log: createLogger('silent'), clock, startTicks: false });
  fake.botUrl = app.url;
  try {
    const p = app.db.prisma;
    await app.scheduler.idle();
    const editorUser = fake.addUser('信息科编辑');
    const section = await p.unit.create({ data: { code: 'XXK', name: '信息科', kind: 'office_section' } });
    const editor = await p.person.create({ data: { name: editorUser.name, openId: editorUser.openId, unitId: section.id } });
    await p.roleGrant.create({ data: { personId: editor.id, role: 'editor' } });
    const date = '2026-12-02';
    const reportedAt = new Date('2026-12-02T09:00:00+08:00');
    const zeroEvery = 10;
    const noneEvery = 10;
    let reported = 0;
    let zero = 0;
    for (let i = 0; i < o.units; i++) {
      const unit = await p.unit.create({ data: { code: `B${i}`, name: `单位${i + 1}`, kind: i < 20 ? 'town' : 'department' } });
      const user = fake.addUser(`联络员${i + 1}`);
      const person = await p.person.create({ data: { name: user.name, openId: user.openId, unitId: unit.id } });
      await p.roleGrant.create({ data: { personId: person.id, role: 'liaison', scope: 'info' } });
      if (i % noneEvery === 1) continue;
      if (i % zeroEvery === 0) {
        await p.infoDayStatus.create({ data: { unitId: unit.id, date, status: 'zero', reportedAt, reporterId: person.id } });
        zero++;
        continue;
      }
      await p.infoDayStatus.create({ data: { unitId: unit.id, date, status: 'reported', reportedAt, reporterId: person.id } });
      for (let k = 0; k < 2; k++) {
        const seq = reported * 2 + k + 1;
        await p.infoNote.create({
          data: {
            year: 2026,
            seq,
            number: `信〔2026〕${seq}号`,
            unitId: unit.id,
            reporterId: person.id,
            reporterOpenId: user.openId,
            date,
            reportedAt,
            body: `单位${i + 1}今日工作动态第${k + 1}条。`,
          },
        });
      }
      reported++;
    }
    const unreported = o.units - reported - zero;
    const dm = fake.p2pChatId(editorUser.openId);
    const roundTrip = async (text: string, count: () => number) => {
      const before = count();
      const t0 = performance.now();
      await fake.userSays({ chatId: dm, from: editorUser, text, p2p: true });
      await app.settle();
      if (count() !== before + 1) throw new Error(`no single reply to ${text}`);
      return performance.now() - t0;
    };
    const board: number[] = [];
    const baseline: number[] = [];
    for (let r = 0; r < o.rounds; r++) {
      baseline.push(await roundTrip('我是谁', () => fake.textsIn(dm).length + fake.cardsIn(dm).length));
      board.push(await roundTrip('信息 今日', () => fake.cardsIn(dm).length + fake.textsIn(dm).length));
    }

    now = new Date('2026-12-02T16:00:00+08:00');
    const t0 = performance.now();
    if ((await app.scheduler.runManually(NUDGE_JOB, now)) !== 'ran') throw new Error('nudge did not run');
    await app.settle();
    const nudgeSeconds = (performance.now() - t0) / 1000;
    const nudged = await p.infoDayStatus.count({ where: { date, nudgedAt: { not: null } } });

    now = new Date('2026-12-02T17:30:00+08:00');
    const t1 = performance.now();
    if ((await app.scheduler.runManually(CLOSE_JOB, now)) !== 'ran') throw new Error('close did not run');
    const closeMs = performance.now() - t1;
    const missed = await p.infoDayStatus.count({ where: { date, status: 'missed' } });
    const boardMs = median(board);
    const baselineMs = median(baseline);
    const nudgeMinimumSeconds = unreported / 50;
    return {
      units: o.units,
      reported,
      zero,
      unreported,
      rounds: o.rounds,
      boardMs,
      baselineMs,
      ratio: boardMs / baselineMs,
      nudgeSeconds,
      nudgeMinimumSeconds,
      nudgeRatio: nudgeSeconds / nudgeMinimumSeconds,
      nudged,
      closeMs,
      missed,
    };
  } finally {
    await app.stop();
    await fake.stop();
    await database.drop();
  }
}

export function printBriefBoard(r: BriefBoardResult): void {
  process.stdout.write(
    `\nbriefs: the daily board of ${r.units} units (${r.reported} reported, ${r.zero} 零报告, ${r.unreported} not), SQLite, median of ${r.rounds} rounds\n`,
  );
  console.table([
    { benchmark: '信息 今日, card delivered', ms: r.boardMs.toFixed(0), baseline: `我是谁 ${r.baselineMs.toFixed(0)} ms`, ratio: `${r.ratio.toFixed(2)}×` },
    {
      benchmark: `16:00 nudge, ${r.nudged} units' DMs delivered`,
      ms: (r.nudgeSeconds * 1000).toFixed(0),
      baseline: `Lark's minimum ${(r.nudgeMinimumSeconds * 1000).toFixed(0)} ms`,
      ratio: `${r.nudgeRatio.toFixed(2)}×`,
    },
    { benchmark: `close, ${r.missed} 漏报 recorded`, ms: r.closeMs.toFixed(0), baseline: '—', ratio: '—' },
  ]);
}
