import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { FakeLark } from '../src/local/lark/server.js';
import type { Clock } from '../src/ports/clock.js';
import { BROADCAST_JOB } from '../src/features/schedules/broadcast/index.js';
import { freshSqlite } from './pg.js';

/**
 * The morning broadcast of 领导日程 to G bound groups (1,000: a city-level deployment), through the whole
 * bot — the job, member lookups for visibility, one transaction per group, the outbox worker and the real
 * SDK — to the fake Lark enforcing Lark's limits (50 messages/s per app, 5/s per chat). The baseline, in
 * the same run, is the minimum those limits allow: G ÷ 50 s. Every group must get exactly one card.
 */
export interface ScheduleBroadcastResult {
  groups: number;
  leaders: number;
  entries: number;
  minimumSeconds: number;
  /** From the job's start until every card was delivered. */
  seconds: number;
  /** Until the job had queued every group's card (claims + cards in the outbox). */
  queuedSeconds: number;
  ratio: number;
  exactlyOnce: boolean;
  missing: number;
  duplicated: number;
}

export async function benchSchedules(o: { groups: number }): Promise<ScheduleBroadcastResult> {
  const fake = await new FakeLark({ perAppRate: 50, perChatRate: 5, encryptKey: 'bench-key', verificationToken: 'bench-token' }).start();
  const database = freshSqlite('schedules');
  let now = new Date('2026-12-02T07:30:00+08:00');
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
  try {
    const p = app.db.prisma;
    const titles = ['县长', '常务副县长', '副县长', '副县长', '副县长', '副县长', '副县长'];
    const people: { user: { openId: string; name: string }; person: { id: string } }[] = [];
    for (const [i, title] of titles.entries()) {
      const user = fake.addUser(`领导${i + 1}`);
      const person = await p.person.create({ data: { name: user.name, openId: user.openId, title } });
      await p.roleGrant.create({ data: { personId: person.id, role: 'leader' } });
      people.push({ user, person });
    }
    let entries = 0;
    for (const { person } of people)
      for (const [start, visibility] of [
        [9 * 60, 'public'],
        [15 * 60, 'internal'],
      ] as const) {
        await p.scheduleEntry.create({
          data: {
            leaderId: person.id,
            date: '2026-12-02',
            dayPart: 'exact',
            startMinute: start,
            endMinute: start + 90,
            activity: '调研重点项目',
            place: '县政府',
            visibility,
            createdBy: 'bench',
          },
        });
        entries++;
      }
    const chats = Array.from({ length: o.groups }, (_, i) => fake.addChat(`日程群${i + 1}`, [people[i % people.length]!.user]));
    await p.chatBinding.createMany({ data: chats.map((chatId) => ({ chatId, purpose: 'schedule' })) });
    await app.scheduler.idle();
    await app.settle();

    now = new Date('2026-12-02T07:30:00+08:00');
    const t0 = performance.now();
    const outcome = await app.scheduler.runManually(BROADCAST_JOB, now);
    const queuedSeconds = (performance.now() - t0) / 1000;
    if (outcome !== 'ran') throw new Error(`broadcast job ${outcome}`);
    await app.settle();
    const seconds = (performance.now() - t0) / 1000;
    const counts = chats.map((c) => fake.cardsIn(c).length);
    const missing = counts.filter((n) => n === 0).length;
    const duplicated = counts.filter((n) => n > 1).length;
    const minimumSeconds = o.groups / 50;
    return {
      groups: o.groups,
      leaders: people.length,
      entries,
      minimumSeconds,
      seconds,
      queuedSeconds,
      ratio: seconds / minimumSeconds,
      exactlyOnce: !missing && !duplicated,
      missing,
      duplicated,
    };
  } finally {
    await app.stop();
    await fake.stop();
    await database.drop();
  }
}

export function printSchedules(r: ScheduleBroadcastResult): void {
  process.stdout.write(
    `\nschedules: morning broadcast to ${r.groups.toLocaleString('en-US')} bound groups (${r.leaders} leaders, ${r.entries} entries), SQLite; ` +
      `Lark's limits allow it in ${r.minimumSeconds.toFixed(1)} s at best (50 messages/s per app)\n`,
  );
  console.table([
    {
      benchmark: 'broadcast, all cards delivered',
      s: r.seconds.toFixed(1),
      'vs minimum': `${r.ratio.toFixed(2)}×`,
      'queued in s': r.queuedSeconds.toFixed(1),
      'exactly one card per group': r.exactlyOnce ? 'yes' : `no (${r.missing} missing, ${r.duplicated} duplicated)`,
    },
  ]);
}
