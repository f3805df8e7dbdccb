import { existsSync } from 'node:fs';
import { ConfigError } from '../config.js';
import { openDatabase, sqlitePath, type PrismaClient } from '../db/client.js';

/**
 * `file:./data/sanban.db` is the default database of a deployment too, so a SQLite URL alone does not
 * say a database is local mode's. The demo seed writes this marker (a Counter row: no schema change);
 * local mode and demo:reset act only on a database that has it, or on an empty one.
 */
export const DEMO_MARKER = 'local:demo-office';

export type DemoDatabaseKind = 'empty' | 'demo' | 'other';

type Db = Pick<PrismaClient, 'counter' | 'person' | 'unit' | 'supervisionItem' | 'chatBinding'>;

export async function writeDemoMarker(tx: Pick<PrismaClient, 'counter'>): Promise<void> {
  await tx.counter.upsert({ where: { name: DEMO_MARKER }, update: {}, create: { name: DEMO_MARKER, value: 1 } });
}

/** Whose database this is: the demo office's (marked), nobody's yet (empty), or someone else's. */
export async function demoDatabaseKind(db: Db): Promise<DemoDatabaseKind> {
  if (await db.counter.findUnique({ where: { name: DEMO_MARKER } })) return 'demo';
  const people = await db.person.count();
  if (!people && !(await db.unit.count()) && !(await db.supervisionItem.count()) && !(await db.chatBinding.count())) return 'empty';
  // A demo office seeded before the marker existed: every person is a demo person (ou_demo_…), which a
  // real directory (Lark open_ids) never is. It is adopted: marked, then treated as the demo's.
  if (people && !(await db.person.count({ where: { OR: [{ openId: null }, { NOT: { openId: { startsWith: 'ou_demo_' } } }] } }))) {
    await writeDemoMarker(db);
    return 'demo';
  }
  return 'other';
}

const REFUSED_START =
  '无法以本地体验模式启动：数据库 DATABASE_URL 中已有人员名册等数据，但它不是本地体验模式建立的演示数据库（缺少演示标记），' +
  '可能是正式使用的数据库。本地体验模式会把其中发件箱的消息发往内置的仿飞书服务、认领其定时任务，为防改动正式数据，已停止启动 (local mode refused):';
const REFUSED_RESET =
  'demo:reset 已停止：该数据库不是本地体验模式建立的演示数据库（缺少演示标记），可能是正式使用的数据库，重置会清空其中全部数据 (demo:reset refused):';

const WHAT_TO_DO_START =
  '要连接飞书，请配置 LARK_APP_ID 和 LARK_APP_SECRET 后再启动；要本地体验，请把 DATABASE_URL 设为另一个文件（例如 file:./data/demo.db），或删去 DATABASE_URL 并移走现有的 data/sanban.db。';
const WHAT_TO_DO_RESET = '如确需本地体验，请把 DATABASE_URL 设为另一个文件（例如 file:./data/demo.db）后再运行 npm run demo:reset。';

/** Throws a ConfigError (exit code 2) unless `db` is empty or the demo office's. */
export async function assertDemoDatabase(db: Db, purpose: 'start' | 'reset'): Promise<void> {
  if ((await demoDatabaseKind(db)) !== 'other') return;
  throw purpose === 'start' ? new ConfigError([WHAT_TO_DO_START], REFUSED_START) : new ConfigError([WHAT_TO_DO_RESET], REFUSED_RESET);
}

/**
 * The start-up check of local mode, before the app opens the database (and its outbox and scheduler
 * touch it): a file that does not exist yet, or has no tables yet, is a new demo database.
 */
export async function assertLocalDatabaseUrl(url: string): Promise<void> {
  if (!existsSync(sqlitePath(url))) return;
  const db = await openDatabase(url);
  try {
    await assertDemoDatabase(db.prisma, 'start');
  } catch (err) {
    if (!(err instanceof ConfigError) && /no such table/i.test(String((err as Error)?.message))) return;
    throw err;
  } finally {
    await db.close();
  }
}
