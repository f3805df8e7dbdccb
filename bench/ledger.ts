import { mkdtempSync, rmSync } from 'node:fs';
import { OfflineDocuments } from '../src/adapters/offline-documents.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openDatabase, type Database, type PrismaClient } from '../src/db/client.js';
import type { Prisma } from '../src/db/generated/sqlite/index.js';
import { migrate } from '../src/db/migrate.js';
import type { FeatureDeps } from '../src/features/deps.js';
import type { Actor } from '../src/features/org/index.js';
import { currentRung, DEFAULT_LADDER } from '../src/features/supervision/domain/chase-ladder.js';
import { OPEN_STATUSES } from '../src/features/supervision/domain/states.js';
import { runChase, type ChaseResult } from '../src/features/supervision/jobs/chase.js';
import { buildReport, itemWhere, listItems } from '../src/features/supervision/queries.js';
// Registers the supervision policies (supervision.list_all …) that listItems consults, as the app's registerSupervision does.
import '../src/features/supervision/policy.js';
import { createLogger } from '../src/logger.js';
import { CalendarService } from '../src/platform/calendar/calendar-service.js';
import type { WorkCalendar } from '../src/platform/calendar/work-calendar.js';
import { DEFAULT_HOURS } from '../src/platform/calendar/working-hours.js';
import { enqueue } from '../src/platform/outbox/outbox.js';
import { JobControl } from '../src/platform/scheduler/job-control.js';
import { addDays, beijingDate, type IsoDate } from '../src/platform/time.js';
import type { Messenger } from '../src/ports/messenger.js';

/**
 * The supervision ledger at county scale: a fresh database seeded with 60 units, 600 people and
 * BENCH_ITEMS (default 100,000) items, exactly 1% of them open and overdue; then, each beside a baseline
 * measured in the same round,
 *   - the daily chase job (`runChase`) against the one indexed query that any chase must at least run;
 *   - `督办 列表 超期` (`listItems`) and `督办 通报` (`buildReport`) against a `count` with the same where.
 * Each job's peak memory is sampled too, and compared with loading the whole ledger once, to show that
 * the job reads only the items that can need a reminder.
 */

export interface LedgerRow {
  name: string;
  ms: number;
  /** ms / the baseline's ms in the same round (medians over rounds). */
  ratio?: number;
  baseline?: string;
  /** Rows the query returned, or items the job scanned. */
  rows: number;
  /** Peak growth over the value just before the run (after a full GC), sampled every 10 ms. */
  peakRssMb: number;
  peakHeapMb: number;
  note: string;
}

export interface LedgerResult {
  provider: Database['provider'];
  items: number;
  rounds: number;
  today: IsoDate;
  firedAt: string;
  horizon: IsoDate;
  seedMs: number;
  ledger: LedgerStats;
  chase: ChaseResult & { digests: number; events: number };
  rows: LedgerRow[];
}

export interface LedgerStats {
  units: number;
  people: number;
  items: number;
  closed: number;
  cancelled: number;
  open: number;
  overdue: number;
  dueWithinHorizon: number;
  pendingAck: number;
  progressCycle: number;
  /** Items the chase's where selects (what a chase must read at least). */
  chaseCandidates: number;
}

// ---- a full GC before each measurement, so that peaks are not hidden by (or blamed on) earlier garbage ----

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;

async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T; peakRssMb: number; peakHeapMb: number }> {
  gc();
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > rss) rss = m.rss;
    if (m.heapUsed > heap) heap = m.heapUsed;
  };
  const timer = setInterval(sample, 10);
  const t0 = performance.now();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    sample();
    return { ms, value, peakRssMb: (rss - before.rss) / MB, peakHeapMb: (heap - before.heapUsed) / MB };
  } finally {
    clearInterval(timer);
  }
}

// ---- deterministic data ----

/** mulberry32: the same ledger on every run and on both providers. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS = [
  '县委办公室',
  '县政府办公室',
  '县发展和改革局',
  '县教育局',
  '县科学技术局',
  '县工业和信息化局',
  '县公安局',
  '县民政局',
  '县司法局',
  '县财政局',
  '县人力资源和社会保障局',
  '县自然资源局',
  '县生态环境分局',
  '县住房和城乡建设局',
  '县交通运输局',
  '县水利局',
  '县农业农村局',
  '县商务局',
  '县文化和旅游局',
  '县卫生健康局',
  '县退役军人事务局',
  '县应急管理局',
  '县审计局',
  '县市场监督管理局',
  '县统计局',
  '县医疗保障局',
  '县林业局',
  '县城市管理局',
  '县行政审批服务局',
  '县信访局',
  '县乡村振兴局',
  '县数据局',
  '县融媒体中心',
  '县税务局',
  '县供电公司',
  '县城投集团',
  '县工业园区管委会',
  '县机关事务服务中心',
  '县档案馆',
  '县总工会',
];
const TOWNS = [
  '城关镇',
  '东关镇',
  '西河镇',
  '南岭镇',
  '北塘镇',
  '青山镇',
  '白水镇',
  '石桥镇',
  '柳林镇',
  '桃源镇',
  '新庄乡',
  '马坊乡',
  '杨村乡',
  '李家乡',
  '高庙乡',
  '龙泉乡',
  '双河乡',
  '平安乡',
  '红星乡',
  '和平乡',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢';
const GIVEN = '建国华明伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀英霞平刚桂兰志红文辉鹏飞玉海燕晓东雪梅春林';
const TOPICS = [
  '推进老旧小区改造',
  '整改中央环保督察反馈问题',
  '落实安全生产大检查',
  '办理人大代表建议',
  '办理政协委员提案',
  '推进重点项目开工',
  '化解信访积案',
  '完成年度招商引资任务',
  '推进高标准农田建设',
  '落实防汛抗旱措施',
  '推进营商环境优化',
  '落实领导批示件',
  '完成审计问题整改',
  '推进乡村振兴示范村建设',
  '推进城区道路改造',
  '落实耕地保护责任',
  '推进校舍安全改造',
  '完成民生实事项目',
];
const SOURCES = ['meeting', 'instruction', 'proposal', 'key_task', 'other'] as const;

const CHASE_STATUSES = ['pending_ack', 'in_progress', 'returned'];

/**
 * The baseline's where is the chase's own (jobs/chase.ts): the open items due within the ladder's horizon,
 * unsigned, or on a progress cycle. A minimal chase must at least run this one query over the
 * (status, deadline) index and read these rows.
 */
const chaseWhere = (horizon: IsoDate): Prisma.SupervisionItemWhereInput => ({
  status: { in: CHASE_STATUSES },
  OR: [{ deadline: { lte: horizon } }, { status: 'pending_ack' }, { progressCycle: { not: 'none' } }],
});

interface Workdays {
  list: IsoDate[];
  index: Map<IsoDate, number>;
}

function workdays(calendar: WorkCalendar, from: IsoDate, to: IsoDate): Workdays {
  const list: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) list.push(d);
  return { list, index: new Map(list.map((d, i) => [d, i])) };
}

/** A Beijing working-day instant: `date` at a minute between 08:30 and 17:30. */
function instantOn(date: IsoDate, rand: () => number): Date {
  return new Date(Date.parse(`${date}T08:30:00+08:00`) + Math.floor(rand() * 540) * 60_000);
}

/** cuid-shaped and ordered by creation, like the ids Prisma would have given them. */
function cuidLike(at: number, n: number, rand: () => number): string {
  const tail = Math.floor(rand() * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
  return `c${at.toString(36).padStart(9, '0')}${n.toString(36).padStart(7, '0')}${tail}`.slice(0, 25);
}

type ItemRow = Prisma.SupervisionItemCreateManyInput & { createdAt: Date; updatedAt: Date; createdOn: IsoDate };

const ITEM_COLUMNS = [
  'id',
  'year',
  'seq',
  'number',
  'content',
  'standard',
  'sourceType',
  'sourceRef',
  'promised',
  'urgency',
  'unitId',
  'personId',
  'leaderId',
  'deadline',
  'status',
  'statusNote',
  'progressCycle',
  'progressPercent',
  'lastProgressAt',
  'chaseStep',
  'followUpDays',
  'followUpDate',
  'followUpDone',
  'createdBy',
  'createdAt',
  'updatedAt',
  'closedAt',
  'closedOnTime',
] as const;

/**
 * Multi-row INSERTs of SQL literals (1,000 rows each) inside one transaction: Prisma's createMany, and even
 * a raw query with bound parameters, spends most of its time passing the values through its query
 * compiler. The values are generated here, never user input; strings are quoted all the same. They are
 * written as Prisma writes them: on SQLite a DateTime is ISO text and a Boolean 0/1.
 */
async function insertItems(prisma: PrismaClient, provider: Database['provider'], rows: ItemRow[]): Promise<void> {
  const defaults: Record<string, unknown> = {
    standard: '',
    sourceRef: '',
    promised: false,
    urgency: 'normal',
    personId: null,
    leaderId: null,
    statusNote: '',
    progressCycle: 'none',
    progressPercent: 0,
    lastProgressAt: null,
    chaseStep: 0,
    followUpDays: null,
    followUpDate: null,
    followUpDone: false,
    closedAt: null,
    closedOnTime: false,
  };
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (v instanceof Date) return provider === 'sqlite' ? `'${v.toISOString().replace('Z', '+00:00')}'` : `'${v.toISOString().slice(0, 23)}'`;
    if (typeof v === 'boolean') return provider === 'sqlite' ? String(Number(v)) : String(v);
    if (typeof v === 'number') return String(v);
    return `'${String(v).replaceAll("'", "''")}'`;
  };
  const columns = ITEM_COLUMNS.map((c) => `"${c}"`).join(', ');
  await prisma.$transaction(
    async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        const tuples = rows.slice(i, i + 1000).map((row) => {
          const r = row as unknown as Record<string, unknown>;
          return `(${ITEM_COLUMNS.map((c) => literal(r[c] === undefined ? defaults[c] : r[c])).join(', ')})`;
        });
        await tx.$executeRawUnsafe(`INSERT INTO "SupervisionItem" (${columns}) VALUES ${tuples.join(', ')}`);
      }
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

/**
 * Seeds the directory and the ledger. Item categories are exact counts: 60% finished (closed or
 * cancelled), 1% open and overdue, 0.3% due within the ladder's horizon, 0.2% unsigned and created in the
 * last working days, the rest open with deadlines beyond the horizon (some on a weekly or monthly progress
 * cycle). The chase step of each open item is what yesterday's run would have left (steady state).
 */
export async function seedLedger(db: Database, calendar: WorkCalendar, today: IsoDate, n: number): Promise<LedgerStats> {
  const { prisma } = db;
  const rand = random(20261124);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const hex = (len: number) => Array.from({ length: len }, () => Math.floor(rand() * 16).toString(16)).join('');
  const seededAt = new Date(`${addDays(today, -1)}T10:00:00+08:00`);

  // Directory: 60 units of 10 people; each unit has a supervision liaison (a few have two) and an info
  // liaison; 8 county leaders in the government office, each in charge of some units; 3 supervisors.
  const unitNames = [...DEPARTMENTS, ...TOWNS];
  const units = unitNames.map((name, i) => ({
    id: cuidLike(seededAt.getTime(), i, rand),
    code: `U${String(i + 1).padStart(3, '0')}`,
    name,
    kind: i < DEPARTMENTS.length ? 'department' : 'town',
    createdAt: seededAt,
    updatedAt: seededAt,
  }));
  const people: Prisma.PersonCreateManyInput[] = [];
  const grants: Prisma.RoleGrantCreateManyInput[] = [];
  const staffOf = new Map<string, string[]>();
  const leaders: string[] = [];
  const supervisors: { id: string; openId: string; name: string; unitId: string }[] = [];
  units.forEach((u, ui) => {
    for (let k = 0; k < 10; k++) {
      const i = ui * 10 + k;
      const id = cuidLike(seededAt.getTime(), 1000 + i, rand);
      const isLeader = ui === 1 && k < 8;
      const isSupervisor = ui === 0 && k < 3;
      const liaison = k === 8 || (k === 9 && ui % 6 === 0);
      const hasOpenId = liaison || isLeader || isSupervisor || rand() < 0.95;
      const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${i % 3 === 0 ? '' : GIVEN[(i * 13 + 5) % GIVEN.length]}`;
      const openId = hasOpenId ? `ou_${hex(32)}` : null;
      people.push({
        id,
        name,
        unitId: u.id,
        openId,
        mobile: `139${String(10_000_000 + i).padStart(8, '0')}`,
        title: isLeader ? '副县长' : '',
        createdAt: seededAt,
        updatedAt: seededAt,
      });
      if (liaison) grants.push({ id: `${id}-l`, personId: id, role: 'liaison', scope: 'supervision', createdAt: seededAt });
      if (k === 7) grants.push({ id: `${id}-i`, personId: id, role: 'liaison', scope: 'info', createdAt: seededAt });
      if (isLeader) leaders.push(id);
      if (isSupervisor) {
        grants.push({ id: `${id}-s`, personId: id, role: 'supervisor', scope: '', createdAt: seededAt });
        supervisors.push({ id, openId: openId!, name, unitId: u.id });
      }
      if (!isLeader) staffOf.set(u.id, [...(staffOf.get(u.id) ?? []), id]);
    }
  });
  const leaderOf = new Map<string, string>();
  units.forEach((u, ui) => {
    const leader = leaders[ui % leaders.length]!;
    leaderOf.set(u.id, leader);
    grants.push({ id: `${leader}-u${ui}`, personId: leader, role: 'leader', scope: `unit:${u.id}`, createdAt: seededAt });
  });

  // Working days from well before the first item to well after the last deadline.
  const wd = workdays(calendar, '2024-10-01', '2027-12-31');
  const at = (d: IsoDate) => wd.index.get(d)!;
  const day = (i: number) => wd.list[i]!;
  const todayIdx = at(calendar.isWorkingDay(today) ? today : calendar.previousWorkingDay(today));
  const yesterday = calendar.previousWorkingDay(today);
  const horizonIdx = at(calendar.addWorkingDays(today, Math.max(...DEFAULT_LADDER.before, 0)));
  const firstIdx = at(calendar.workingDayOnOrAfter('2025-01-02'));
  const lastIdx = at(calendar.workingDayOnOrAfter('2027-06-30'));
  const stepYesterday = (deadline: IsoDate) => currentRung(deadline, yesterday, calendar, DEFAULT_LADDER)?.rank ?? 0;

  const nOverdue = Math.round(n * 0.01);
  const nDue = Math.round(n * 0.003);
  const nUnsigned = Math.round(n * 0.002);
  const nFinished = Math.round(n * 0.6);
  const nFuture = n - nOverdue - nDue - nUnsigned - nFinished;
  if (nFuture < 0) throw new Error('BENCH_ITEMS is too small');

  const rows: ItemRow[] = [];
  const base = (createdIdx: number, deadlineIdx: number, status: string): ItemRow => {
    const unit = pick(units);
    const source = pick(SOURCES);
    const createdAt = instantOn(day(createdIdx), rand);
    return {
      id: '',
      year: 0,
      seq: 0,
      number: '',
      content: `${pick(TOPICS)}（${unit.name}牵头）`,
      standard: rand() < 0.5 ? '按时保质完成，书面报送办理结果' : '',
      sourceType: source,
      sourceRef:
        source === 'meeting' ? `县政府第${int(1, 40)}次常务会议` : source === 'instruction' ? `领导批示〔${day(createdIdx).slice(0, 4)}〕${int(1, 300)}号` : '',
      promised: source === 'proposal' && rand() < 0.3,
      urgency: rand() < 0.1 ? 'urgent' : 'normal',
      unitId: unit.id,
      personId: rand() < 0.6 ? pick(staffOf.get(unit.id)!) : null,
      leaderId: rand() < 0.8 ? leaderOf.get(unit.id)! : null,
      deadline: day(deadlineIdx),
      status,
      progressCycle: 'none',
      progressPercent: 0,
      createdBy: pick(supervisors).openId,
      createdAt,
      updatedAt: createdAt,
      createdOn: day(createdIdx),
    };
  };
  const progress = (row: ItemRow, weekly: number, monthly: number) => {
    const u = rand();
    if (row.status === 'pending_ack' || u >= weekly + monthly) return;
    row.progressCycle = u < weekly ? 'weekly' : 'monthly';
    // Most have reported within their cycle; a few are behind.
    const back = row.progressCycle === 'weekly' ? int(1, 9) : int(3, 30);
    const reported = Math.max(at(row.createdOn), todayIdx - back);
    if (reported < todayIdx) {
      row.lastProgressAt = instantOn(day(reported), rand);
      row.progressPercent = int(10, 90);
      row.updatedAt = row.lastProgressAt;
    }
  };

  for (let i = 0; i < nFinished; i++) {
    const createdIdx = int(firstIdx, todayIdx - 25);
    const deadlineIdx = createdIdx + int(10, 60);
    const cancelled = rand() < 0.03;
    const row = base(createdIdx, deadlineIdx, cancelled ? 'cancelled' : 'closed');
    const closedIdx = Math.min(todayIdx - 1, rand() < 0.85 ? deadlineIdx - int(0, 8) : deadlineIdx + int(1, 15));
    row.closedAt = instantOn(day(Math.max(createdIdx + 1, closedIdx)), rand);
    row.updatedAt = row.closedAt;
    if (cancelled) row.statusNote = '工作任务调整，予以撤销';
    else {
      row.progressPercent = 100;
      row.closedOnTime = day(Math.max(createdIdx + 1, closedIdx)) <= row.deadline;
      row.chaseStep = row.closedOnTime ? 3 : 5;
      if (rand() < 0.1) {
        row.followUpDays = 20;
        row.followUpDate = day(Math.max(createdIdx + 1, closedIdx) + 20);
        row.followUpDone = row.followUpDate < today;
      }
    }
    rows.push(row);
  }
  for (let i = 0; i < nOverdue; i++) {
    // Mostly a few days late; a tail of items months overdue.
    const late = Math.min(160, 1 + Math.floor(-Math.log(1 - rand()) * 15));
    const deadlineIdx = todayIdx - late;
    const u = rand();
    const status = u < 0.75 ? 'in_progress' : u < 0.85 ? 'returned' : u < 0.9 ? 'pending_ack' : 'pending_close';
    const row = base(deadlineIdx - int(10, 60), deadlineIdx, status);
    row.chaseStep = stepYesterday(row.deadline);
    progress(row, 0.1, 0.2);
    rows.push(row);
  }
  for (let i = 0; i < nDue; i++) {
    const deadlineIdx = int(todayIdx, horizonIdx);
    const u = rand();
    const row = base(deadlineIdx - int(10, 60), deadlineIdx, u < 0.92 ? 'in_progress' : u < 0.96 ? 'returned' : 'pending_close');
    row.chaseStep = stepYesterday(row.deadline);
    progress(row, 0.1, 0.2);
    rows.push(row);
  }
  for (let i = 0; i < nUnsigned; i++) {
    const createdIdx = todayIdx - int(1, 5);
    rows.push(base(createdIdx, Math.max(horizonIdx + 1, createdIdx + int(15, 60)), 'pending_ack'));
  }
  for (let i = 0; i < nFuture; i++) {
    const deadlineIdx = int(horizonIdx + 1, lastIdx);
    const createdIdx = int(Math.max(firstIdx, deadlineIdx - 250), Math.min(todayIdx - 1, deadlineIdx - 20));
    const u = rand();
    const row = base(createdIdx, deadlineIdx, u < 0.92 ? 'in_progress' : u < 0.95 ? 'returned' : 'pending_close');
    progress(row, 0.08, 0.12);
    rows.push(row);
  }

  // Numbers follow creation: 督〔YYYY〕N号 with N counted per year.
  rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const seqs = new Map<number, number>();
  rows.forEach((row, i) => {
    const year = Number(row.createdOn.slice(0, 4));
    const seq = (seqs.get(year) ?? 0) + 1;
    seqs.set(year, seq);
    Object.assign(row, { id: cuidLike(row.createdAt.getTime(), i, rand), year, seq, number: `督〔${year}〕${seq}号` });
  });

  await prisma.$transaction(
    async (tx) => {
      await tx.unit.createMany({ data: units });
      await tx.person.createMany({ data: people });
      await tx.roleGrant.createMany({ data: grants });
      await tx.chatBinding.create({ data: { chatId: 'oc_bench_supervision_group', purpose: 'supervision', createdBy: supervisors[0]!.openId } });
      await tx.counter.createMany({ data: [...seqs].map(([year, value]) => ({ name: `supervision:${year}`, value })) });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  await insertItems(prisma, db.provider, rows);

  const open = { status: { in: OPEN_STATUSES } };
  const horizon = day(horizonIdx);
  const [overdue, dueWithinHorizon, chaseCandidates, progressCycle] = await Promise.all([
    prisma.supervisionItem.count({ where: { ...open, deadline: { lt: today } } }),
    prisma.supervisionItem.count({ where: { ...open, deadline: { gte: today, lte: horizon } } }),
    prisma.supervisionItem.count({ where: chaseWhere(horizon) }),
    prisma.supervisionItem.count({ where: { ...open, progressCycle: { not: 'none' } } }),
  ]);
  if (overdue !== nOverdue) throw new Error(`seeded ${overdue} overdue items, expected exactly ${nOverdue}`);
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  return {
    units: units.length,
    people: people.length,
    items: rows.length,
    closed: count('closed'),
    cancelled: count('cancelled'),
    open: rows.length - count('closed') - count('cancelled'),
    overdue,
    dueWithinHorizon,
    pendingAck: count('pending_ack'),
    progressCycle,
    chaseCandidates,
  };
}

// ---- the bench ----

/** A messenger the chase must never call: it only queues into the outbox. */
function forbiddenMessenger(calls: string[]): Messenger {
  return new Proxy({} as Messenger, {
    get: (_, method) => () => {
      calls.push(String(method));
      return Promise.reject(new Error(`messenger.${String(method)} called during the bench`));
    },
  });
}

/** Each chase round starts from the seeded state: its queued messages, events (with their audit entries) and ladder steps are undone. */
async function undoChase(prisma: PrismaClient, steps: Map<number, string[]>): Promise<void> {
  await prisma.outboxMessage.deleteMany({ where: { origin: 'job:supervision.chase' } });
  await prisma.supervisionEvent.deleteMany({ where: { actor: 'system:supervision.chase' } });
  await prisma.auditEntry.deleteMany({ where: { actor: 'system:supervision.chase' } });
  for (const [step, ids] of steps) {
    for (let i = 0; i < ids.length; i += 500) {
      await prisma.supervisionItem.updateMany({ where: { id: { in: ids.slice(i, i + 500) }, chaseStep: { not: step } }, data: { chaseStep: step } });
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchLedger(o: { rounds: number; items: number; databaseUrl?: string; firedAt?: Date }): Promise<LedgerResult> {
  const firedAt = o.firedAt ?? new Date('2026-11-24T09:00:00+08:00');
  const today = beijingDate(firedAt);
  const dir = o.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'sanban-bench-ledger-'));
  const db = await openDatabase(o.databaseUrl ?? `file:${join(dir!, 'ledger.db')}`);
  try {
    await migrate(db);
    const { prisma } = db;
    // The bench deletes what the chase queued: never let it near a database that holds a real ledger.
    if ((await prisma.supervisionItem.count()) + (await prisma.person.count()) > 0) {
      throw new Error('BENCH_DATABASE_URL must name a fresh, empty database: the bench seeds it and deletes rows in it');
    }
    const calendarService = await CalendarService.load(prisma, DEFAULT_HOURS);
    const calendar = calendarService.current();
    if (!calendar.isWorkingDay(today)) throw new Error(`${today} is not a working day: the chase would do nothing`);
    const horizon = calendar.addWorkingDays(today, Math.max(...DEFAULT_LADDER.before, 0));

    const seedStarted = performance.now();
    const ledger = await seedLedger(db, calendar, today, o.items);
    // PostgreSQL's autovacuum would analyse a table this size soon after the load; SQLite is left as the
    // bot leaves it (no ANALYZE, so no sqlite_stat1).
    if (db.provider === 'postgres') await prisma.$executeRawUnsafe('ANALYZE');
    const seedMs = performance.now() - seedStarted;

    const messengerCalls: string[] = [];
    const deps: FeatureDeps = {
      prisma,
      sql: db.sql,
      clock: { now: () => firedAt },
      messenger: forbiddenMessenger(messengerCalls),
      documents: new OfflineDocuments(createLogger('silent')),
      log: createLogger('silent'),
      outbox: { deliver: (item) => enqueue(prisma, item), kick: () => {} },
      calendar: calendarService,
      bootstrapAdmins: [],
      // Never attached to a scheduler: the chase and the queries do not use it.
      jobs: new JobControl(),
      settings: {
        supervision: {
          chaseCron: '0 9 * * *',
          reportCron: '30 9 * * 1',
          remindBefore: DEFAULT_LADDER.before,
          firstOverdue: DEFAULT_LADDER.firstOverdue,
          escalateAt: DEFAULT_LADDER.escalateAt,
          repeatEvery: DEFAULT_LADDER.repeatEvery,
        },
      },
    };
    const supervisor = await prisma.person.findFirstOrThrow({ where: { roles: { some: { role: 'supervisor' } } } });
    const actor: Actor = {
      openId: supervisor.openId!,
      person: { id: supervisor.id, name: supervisor.name, unitId: supervisor.unitId },
      grants: [{ role: 'supervisor', scope: '' }],
      bootstrapAdmin: false,
    };
    const overdueWhere = await itemWhere(deps, actor, { kind: 'overdue' }, today);
    const liveWhere: Prisma.SupervisionItemWhereInput = { status: { not: 'cancelled' } };

    // What the chase may change, to put back between rounds.
    const steps = new Map<number, string[]>();
    for (const r of await prisma.supervisionItem.findMany({ where: chaseWhere(horizon), select: { id: true, chaseStep: true } })) {
      steps.set(r.chaseStep, [...(steps.get(r.chaseStep) ?? []), r.id]);
    }

    type Sample = { ms: number; rows: number; peakRssMb: number; peakHeapMb: number };
    const samples = new Map<string, Sample[]>();
    const record = (key: string, m: { ms: number; peakRssMb: number; peakHeapMb: number }, rows: number) =>
      samples.set(key, [...(samples.get(key) ?? []), { ms: m.ms, rows, peakRssMb: m.peakRssMb, peakHeapMb: m.peakHeapMb }]);
    let chase: LedgerResult['chase'] | undefined;

    for (let round = 0; round < o.rounds; round++) {
      const base = await measured(() =>
        prisma.supervisionItem.findMany({ where: chaseWhere(horizon), select: { id: true, deadline: true, unitId: true, personId: true, leaderId: true } }),
      );
      record('chase-baseline', base, base.value.length);

      const job = await measured(() => runChase(deps, firedAt, DEFAULT_LADDER));
      record('chase', job, job.value.scanned);
      const [digests, events] = await Promise.all([
        prisma.outboxMessage.count({ where: { origin: 'job:supervision.chase' } }),
        prisma.supervisionEvent.count({ where: { actor: 'system:supervision.chase' } }),
      ]);
      const outcome = { ...job.value, digests, events };
      if (chase && JSON.stringify(chase) !== JSON.stringify(outcome))
        throw new Error(`round ${round + 1} differs: ${JSON.stringify(outcome)} vs ${JSON.stringify(chase)}`);
      chase = outcome;
      await undoChase(prisma, steps);

      const listBase = await measured(() => prisma.supervisionItem.count({ where: overdueWhere }));
      record('list-baseline', listBase, listBase.value);
      const list = await measured(() => listItems(deps, actor, { kind: 'overdue' }));
      if (list.value.total !== ledger.overdue) throw new Error(`listItems found ${list.value.total} overdue items, expected ${ledger.overdue}`);
      record('list', list, list.value.total);

      const reportBase = await measured(() => prisma.supervisionItem.count({ where: liveWhere }));
      record('report-baseline', reportBase, reportBase.value);
      const report = await measured(() => buildReport(deps, '督办通报'));
      if (report.value.overdue !== ledger.overdue) throw new Error(`buildReport counted ${report.value.overdue} overdue items, expected ${ledger.overdue}`);
      record('report', report, report.value.total);
    }
    if (messengerCalls.length) throw new Error(`the messenger was called: ${messengerCalls.join(', ')}`);

    // For scale only, once and last (so that its heap cannot be reused by the runs above): the whole ledger.
    const all = await measured(() => prisma.supervisionItem.findMany());
    const allRows = all.value.length;

    const med = (key: string) => {
      const s = samples.get(key)!;
      return {
        ms: median(s.map((x) => x.ms)),
        rows: median(s.map((x) => x.rows)),
        peakRssMb: median(s.map((x) => x.peakRssMb)),
        peakHeapMb: median(s.map((x) => x.peakHeapMb)),
      };
    };
    const row = (key: string, name: string, note: string, baselineKey?: string, baselineName?: string): LedgerRow => {
      const m = med(key);
      return { name, ...m, ...(baselineKey ? { ratio: m.ms / med(baselineKey).ms, baseline: baselineName } : {}), note };
    };
    const c = chase!;
    const rows: LedgerRow[] = [
      row('chase-baseline', 'baseline: findMany(chase where), 5 columns', 'one query, (status, deadline) index'),
      row(
        'chase',
        'runChase (daily job, end to end)',
        `${c.people} digests + ${c.digests - c.people} group card(s); ${c.advanced} steps, ${c.events} events`,
        'chase-baseline',
        'findMany(chase where)',
      ),
      row('list-baseline', 'baseline: count(超期 where)', 'open statuses, deadline < today'),
      row('list', '督办 列表 超期 (listItems)', 'first 40 rows + total + unit names', 'list-baseline', 'count(超期 where)'),
      row('report-baseline', 'baseline: count(status ≠ cancelled)', 'the where of the report’s largest groupBy'),
      row('report', '督办 通报 (buildReport)', '5 grouped/indexed queries + names', 'report-baseline', 'count(status ≠ cancelled)'),
      {
        name: 'for scale: findMany() of the whole ledger, once',
        ms: all.ms,
        rows: allRows,
        peakRssMb: all.peakRssMb,
        peakHeapMb: all.peakHeapMb,
        note: 'what the chase must not do',
      },
    ];
    return { provider: db.provider, items: o.items, rounds: o.rounds, today, firedAt: firedAt.toISOString(), horizon, seedMs, ledger, chase: c, rows };
  } finally {
    await db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
