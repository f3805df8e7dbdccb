import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { loadActor } from '../../src/features/org/actor.js';
import { overdueWorkingDays } from '../../src/features/supervision/domain/deadline.js';
import { OPEN_STATUSES, type ItemStatus } from '../../src/features/supervision/domain/states.js';
import { itemFilter, type ListFilter } from '../../src/features/supervision/item-filter.js';
import { toPrismaWhere } from '../../src/features/supervision/queries.js';
import { can } from '../../src/features/org/index.js';
import '../../src/features/supervision/policy.js';
import { ledgerPage } from '../../src/features/supervision/repository.js';
import { leaderIdsNamed, readCardRef, readItem, readItemList, readItemView, readTimeline } from '../../src/features/supervision/read-model.js';
import { loadItemView, loadTimeline } from '../../src/features/supervision/views.js';
import { WorkCalendar } from '../../src/platform/calendar/work-calendar.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

/** The SQL read model (read-model.ts) against the Prisma loaders it stands in for (views.ts, toPrismaWhere). */
describe(`督办 read model agrees with Prisma on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  const calendar = new WorkCalendar();
  // A Monday, a Wednesday and a Sunday: the edges of 本周.
  const todays = ['2026-11-16', '2026-11-18', '2026-11-22'];
  const itemIds: string[] = [];

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
    const p = db.prisma;
    const u1 = await p.unit.create({ data: { id: 'u_zjj', code: 'ZJJ', name: '县住建局' } });
    const u2 = await p.unit.create({ data: { id: 'u_jtj', code: 'JTJ', name: '县交通局' } });
    await p.unit.create({ data: { id: 'u_idle', code: 'SWJ', name: '县商务局' } });
    const person = (id: string, name: string, openId: string | null, unitId: string | null, roles: { role: string; scope?: string }[] = [], active = true) =>
      p.person.create({ data: { id, name, openId, unitId, active, roles: { create: roles.map((r) => ({ role: r.role, scope: r.scope ?? '' })) } } });
    await person('p_sup', '王督查', 'ou_sup', null, [{ role: 'supervisor' }]);
    await person('p_li', '李县长', 'ou_leader', null, [{ role: 'leader', scope: `unit:${u1.id}` }]);
    await person('p_li2', '李县长', null, null, [{ role: 'leader', scope: `unit:${u2.id}` }]); // same name, no open_id yet
    await person('p_zhao', '赵副县长', null, null, [{ role: 'leader' }]);
    await person('p_li_clerk', '李县长', 'ou_namesake', u1.id); // same name, not a leader
    await person('p_liaison_a', '陈联络', 'ou_liaison_a', u1.id, [{ role: 'liaison', scope: 'supervision' }]);
    await person('p_liaison_b', '周联络', 'ou_liaison_b', u2.id, [{ role: 'liaison', scope: 'info' }]);
    await person('p_worker', '孙办事', 'ou_worker', u2.id);
    await person('p_silent', '吴未绑定', null, u1.id);
    await person('p_gone', '郑离职', 'ou_gone', u1.id, [{ role: 'liaison', scope: 'supervision' }], false);
    await person('p_qian', '钱副县长', 'ou_qian', u2.id, [{ role: 'leader' }]); // a leader with no unit in remit
    await person('p_sun', '孙副县长', 'ou_sun', null, [
      { role: 'leader', scope: `unit:${u2.id}` },
      { role: 'leader', scope: 'unit:u_idle' },
    ]);
    await person('p_dir', '何主任', 'ou_dir', null, [{ role: 'director' }]);

    // [seq, unit, person, leader, deadline, status]: inserted out of seq order, several on one deadline.
    const rows: [number, string, string | null, string | null, string, ItemStatus][] = [
      [5, u1.id, null, 'p_li', '2026-11-20', 'in_progress'],
      [2, u1.id, 'p_silent', 'p_li', '2026-11-20', 'pending_ack'],
      [9, u2.id, 'p_worker', 'p_li2', '2026-11-10', 'returned'],
      [1, u2.id, null, 'p_zhao', '2026-10-09', 'pending_close'],
      [7, u1.id, 'p_liaison_a', null, '2026-11-16', 'closed'],
      [3, u2.id, 'p_worker', null, '2026-11-22', 'in_progress'],
      [4, u1.id, null, null, '2026-11-23', 'in_progress'],
      [8, 'u_deleted', 'p_deleted', 'p_li', '2026-11-18', 'in_progress'],
      [6, u2.id, null, 'p_li', '2026-12-31', 'cancelled'],
      [10, u1.id, 'p_gone', 'p_zhao', '2026-11-18', 'pending_ack'],
      [11, u2.id, 'p_li_clerk', null, '2026-11-17', 'in_progress'],
    ];
    for (const [seq, unitId, personId, leaderId, deadline, status] of rows) {
      const item = await p.supervisionItem.create({
        data: {
          id: `i_${String(seq).padStart(2, '0')}`,
          year: 2026,
          seq,
          number: `督〔2026〕${seq}号`,
          content: `事项${seq}：'引号' 与 "双引号"`,
          standard: seq % 2 ? `标准${seq}` : '',
          sourceType: seq % 3 ? 'meeting' : 'proposal',
          sourceRef: seq % 3 ? '' : `提案${seq}`,
          promised: seq % 3 === 0,
          urgency: seq % 4 ? 'normal' : 'urgent',
          unitId,
          personId,
          leaderId,
          deadline,
          status,
          statusNote: status === 'returned' ? '材料不全' : '',
          progressPercent: seq * 7,
          createdBy: 'ou_sup',
        },
      });
      itemIds.push(item.id);
    }

    // Milestones (done and not), extensions (the newest pending one shows), a card.
    await p.supervisionMilestone.createMany({
      data: [
        { itemId: 'i_05', title: '方案', dueDate: '2026-11-02', doneAt: new Date('2026-11-01T02:00:00Z') },
        { itemId: 'i_05', title: '验收', dueDate: '2026-11-19' },
        { itemId: 'i_05', title: '启动', dueDate: '2026-10-20', doneAt: new Date('2026-10-21T09:30:00.123Z') },
        { itemId: 'i_09', title: '整改', dueDate: '2026-11-05' },
      ],
    });
    await p.supervisionExtension.createMany({
      data: [
        {
          id: 'x1',
          itemId: 'i_05',
          reason: '雨季',
          proposedDate: '2026-12-01',
          status: 'refused',
          requestedBy: 'ou_liaison_a',
          createdAt: new Date('2026-11-12T01:00:00Z'),
        },
        {
          id: 'x2',
          itemId: 'i_05',
          reason: '资金未到位',
          proposedDate: '2026-12-10',
          status: 'pending',
          requestedBy: 'ou_liaison_a',
          createdAt: new Date('2026-11-13T01:00:00.001Z'),
        },
        {
          id: 'x3',
          itemId: 'i_05',
          reason: '旧申请',
          proposedDate: '2026-12-05',
          status: 'pending',
          requestedBy: 'ou_liaison_a',
          createdAt: new Date('2026-11-13T01:00:00.000Z'),
        },
        {
          id: 'x4',
          itemId: 'i_09',
          reason: '等待审批',
          proposedDate: '2026-11-30',
          status: 'pending',
          requestedBy: 'ou_worker',
          createdAt: new Date('2026-11-11T08:00:00Z'),
        },
      ],
    });
    await p.cardRef.create({ data: { objectType: 'supervision_item', objectId: 'i_05', messageId: 'om_card', chatId: 'oc_g', view: 'detail' } });

    // Events: ties on `at` (ids out of insertion order), millisecond neighbours, unknown actors, system.
    const t = (s: string) => new Date(s);
    const ev = (id: string, itemId: string, at: string, actor: string, kind: string, text = '') => ({ id, itemId, at: t(at), actor, kind, text });
    await p.supervisionEvent.createMany({
      data: [
        ev('e_z', 'i_05', '2026-11-10T01:00:00.000Z', 'ou_sup', 'created'),
        ev('e_m', 'i_05', '2026-11-11T02:00:00.000Z', 'ou_liaison_a', 'progress', '进展甲'),
        ev('e_c', 'i_05', '2026-11-11T02:00:00.000Z', 'ou_liaison_a', 'progress', '进展乙'),
        ev('e_b', 'i_05', '2026-11-11T02:00:00.001Z', 'ou_stranger', 'progress', '陌生人进展'),
        ev('e_y', 'i_05', '2026-11-11T02:00:00.001Z', 'system:chase', 'reminded', '第一次催办'),
        ev('e_a', 'i_05', '2026-11-12T00:00:00.000Z', 'system', 'escalated'),
        ev('e_q', 'i_05', '2026-11-12T00:00:00.000Z', 'cli:admin', 'follow_up', '回访'),
        ev('e_w', 'i_05', '2026-11-12T00:00:00.000Z', 'ou_gone', 'custom_kind', '未知类型'),
        ev('f_1', 'i_09', '2026-11-03T03:00:00Z', 'ou_worker', 'progress', '最后一次'),
        ev('f_2', 'i_09', '2026-11-03T03:00:00Z', 'ou_worker', 'progress', ''),
        ev('f_0', 'i_09', '2026-11-01T03:00:00Z', 'ou_sup', 'created'),
        ev('g_1', 'i_03', '2026-11-02T03:00:00Z', 'ou_worker', 'progress', '只此一条'),
        ev('g_2', 'i_03', '2026-11-02T03:00:01Z', 'ou_worker', 'acknowledged'),
        // 办理结果 (the latest closure request, ties by id) and who signed (the latest 签收, known or not).
        ev('h_1', 'i_01', '2026-10-01T03:00:00Z', 'ou_liaison_b', 'acknowledged'),
        ev('h_2', 'i_01', '2026-10-08T03:00:00Z', 'ou_liaison_b', 'closure_requested', '第一次结果'),
        ev('h_4', 'i_01', '2026-10-09T03:00:00Z', 'ou_liaison_b', 'closure_requested', '较早的同刻结果'),
        ev('h_5', 'i_01', '2026-10-09T03:00:00Z', 'ou_liaison_b', 'closure_requested', '已完成整改并验收'),
        ev('h_6', 'i_04', '2026-11-10T02:00:00Z', 'ou_gone', 'acknowledged'),
        ev('h_7', 'i_04', '2026-11-10T02:00:00Z', 'ou_liaison_a', 'acknowledged'),
        ev('h_8', 'i_06', '2026-11-10T02:00:00Z', 'ou_stranger', 'acknowledged'),
        ev('h_9', 'i_07', '2026-11-15T02:00:00Z', 'ou_liaison_a', 'closure_requested', ''),
      ],
    });
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('renders every item view as loadItemView does', async () => {
    for (const today of todays) {
      for (const id of itemIds) {
        const item = await db.prisma.supervisionItem.findUniqueOrThrow({ where: { id } });
        const read = await readItem(db.sql, id);
        expect(read).toBeDefined();
        const viaSql = await readItemView(db.sql, read!, today, calendar);
        expect({ today, id, view: viaSql }).toEqual({ today, id, view: await loadItemView(db.prisma, item, today, calendar) });
      }
    }
    expect(await readItem(db.sql, 'i_missing')).toBeUndefined();
  });

  it('shows what the seed meant (names, the newest pending extension, the latest progress by id on a tie)', async () => {
    const v = await readItemView(db.sql, (await readItem(db.sql, 'i_05'))!, '2026-11-18', calendar);
    expect(v).toMatchObject({
      unitName: '县住建局',
      leaderName: '李县长',
      leaderOpenId: 'ou_leader',
      lastProgress: '陌生人进展',
      pendingExtension: { id: 'x2' },
    });
    expect(v.milestones.map((m) => [m.title, m.done])).toEqual([
      ['启动', true],
      ['方案', true],
      ['验收', false],
    ]);
    const gone = await readItemView(db.sql, (await readItem(db.sql, 'i_08'))!, '2026-11-18', calendar);
    expect(gone.unitName).toBe('（单位已删除）');
    expect(gone).not.toHaveProperty('personName');
    const silent = await readItemView(db.sql, (await readItem(db.sql, 'i_02'))!, '2026-11-18', calendar);
    expect(silent).toMatchObject({ personName: '吴未绑定' });
    expect(silent).not.toHaveProperty('personOpenId');
    expect((await readItemView(db.sql, (await readItem(db.sql, 'i_09'))!, '2026-11-18', calendar)).lastProgress).toBeUndefined();
    const closing = await readItemView(db.sql, (await readItem(db.sql, 'i_01'))!, '2026-11-18', calendar);
    expect(closing).toMatchObject({ result: '已完成整改并验收', signerName: '周联络' });
    expect((await readItemView(db.sql, (await readItem(db.sql, 'i_04'))!, '2026-11-18', calendar)).signerName).toBe('陈联络');
    const stranger = await readItemView(db.sql, (await readItem(db.sql, 'i_06'))!, '2026-11-18', calendar);
    expect(stranger).not.toHaveProperty('signerName');
    expect(stranger).not.toHaveProperty('result');
    expect(await readItemView(db.sql, (await readItem(db.sql, 'i_07'))!, '2026-11-18', calendar)).not.toHaveProperty('result');
  });

  it('renders every timeline as loadTimeline does', async () => {
    for (const id of [...itemIds, 'i_missing']) {
      expect({ id, timeline: await readTimeline(db.sql, id) }).toEqual({ id, timeline: await loadTimeline(db.prisma, id) });
    }
    const whos = (await readTimeline(db.sql, 'i_05')).map((e) => `${e.who}/${e.what}`);
    expect(whos).toEqual([
      '王督查/立项',
      '陈联络/反馈进展：进展乙',
      '陈联络/反馈进展：进展甲',
      '未登记人员/反馈进展：陌生人进展',
      '系统/催办：第一次催办',
      '系统/超期升级',
      '未登记人员/回访：回访',
      '郑离职/custom_kind：未知类型',
    ]);
  });

  it('reads a card reference', async () => {
    expect(await readCardRef(db.sql, 'om_card')).toEqual({ objectType: 'supervision_item', objectId: 'i_05', view: 'detail' });
    expect(await readCardRef(db.sql, 'om_none')).toBeUndefined();
  });

  it('finds leaders by name as Prisma does', async () => {
    for (const name of ['李县长', '赵副县长', '王督查', '无此人', "李县长' OR '1'='1"]) {
      const viaPrisma = await db.prisma.person.findMany({ where: { name, roles: { some: { role: 'leader' } } }, select: { id: true } });
      expect({ name, ids: (await leaderIdsNamed(db.sql, name)).sort() }).toEqual({ name, ids: viaPrisma.map((r) => r.id).sort() });
    }
    expect((await leaderIdsNamed(db.sql, '李县长')).sort()).toEqual(['p_li', 'p_li2']);
  });

  const filters: ListFilter[] = [
    { kind: 'open' },
    { kind: 'mine' },
    { kind: 'my_unit' },
    { kind: 'leader', leaderName: '李县长' },
    { kind: 'leader', leaderName: '赵副县长' },
    { kind: 'leader', leaderName: '无此人' },
    { kind: 'overdue' },
    { kind: 'due_this_week' },
    { kind: 'all' },
  ];
  const actors = ['ou_sup', 'ou_leader', 'ou_liaison_a', 'ou_liaison_b', 'ou_worker', 'ou_gone', 'ou_nobody'];

  it('selects, orders and counts the same items as the Prisma where, for every filter and actor', async () => {
    const units = new Map((await db.prisma.unit.findMany()).map((u) => [u.id, u.name]));
    const seen = new Map<string, string[]>();
    for (const today of todays) {
      for (const openId of actors) {
        const actor = await loadActor(db.sql, openId, []);
        for (const filter of filters) {
          const leaderIds = filter.kind === 'leader' ? await leaderIdsNamed(db.sql, filter.leaderName) : [];
          const cond = itemFilter(actor, filter, today, leaderIds);
          const where = toPrismaWhere(cond);
          const items = await db.prisma.supervisionItem.findMany({ where, orderBy: [{ deadline: 'asc' }, { seq: 'asc' }] });
          const expected = items.map((i) => ({
            number: i.number,
            content: i.content,
            unitName: units.get(i.unitId) ?? '',
            deadline: i.deadline,
            status: i.status,
            overdueDays: OPEN_STATUSES.includes(i.status as ItemStatus) ? overdueWorkingDays(i.deadline, today, calendar) : 0,
          }));
          const key = { today, openId, filter };
          const got = await readItemList(db.sql, cond, 1000, today, calendar);
          expect({ ...key, rows: got.rows, total: got.total }).toEqual({ ...key, rows: expected, total: await db.prisma.supervisionItem.count({ where }) });
          const page = await readItemList(db.sql, cond, 2, today, calendar);
          expect({ ...key, rows: page.rows, total: page.total }).toEqual({ ...key, rows: expected.slice(0, 2), total: expected.length });
          seen.set(
            `${today} ${openId} ${filter.kind}${filter.kind === 'leader' ? ` ${filter.leaderName}` : ''}`,
            expected.map((r) => r.number),
          );
        }
      }
    }
    // Spot checks of the selections themselves (not only their agreement).
    const n = (...seqs: number[]) => seqs.map((s) => `督〔2026〕${s}号`);
    expect(seen.get('2026-11-18 ou_sup all')).toHaveLength(11);
    expect(seen.get('2026-11-18 ou_sup overdue')).toEqual(n(1, 9, 11));
    expect(seen.get('2026-11-18 ou_sup due_this_week')).toEqual(n(8, 10, 2, 5, 3));
    expect(seen.get('2026-11-22 ou_sup due_this_week')).toEqual(n(3));
    expect(seen.get('2026-11-18 ou_sup leader 李县长')).toEqual(n(9, 8, 2, 5, 6));
    expect(seen.get('2026-11-18 ou_sup leader 无此人')).toEqual([]);
    expect(seen.get('2026-11-18 ou_liaison_a all')).toEqual(n(7, 10, 2, 5, 4));
    expect(seen.get('2026-11-18 ou_liaison_a mine')).toEqual(n(5, 4));
    expect(seen.get('2026-11-18 ou_liaison_b mine')).toEqual([]);
    expect(seen.get('2026-11-18 ou_worker mine')).toEqual(n(9, 3));
    expect(seen.get('2026-11-18 ou_leader mine')).toEqual(n(8, 2, 5));
    for (const f of filters) {
      const k = f.kind === 'leader' ? `leader ${f.leaderName}` : f.kind;
      expect(seen.get(`2026-11-18 ou_nobody ${k}`)).toEqual([]);
      expect(seen.get(`2026-11-18 ou_gone ${k}`)).toEqual([]);
    }
  });

  // One rule for 督办 <编号>, 列表 全部 and 导出 (issue 10, finding 19): the same items, whoever asks.
  it('details, 列表 全部 and the export filter show exactly the same items to everyone', async () => {
    const all = await db.prisma.supervisionItem.findMany({ orderBy: [{ year: 'asc' }, { seq: 'asc' }] });
    const seen = new Map<string, number[]>();
    for (const openId of [...actors, 'ou_qian', 'ou_sun', 'ou_dir']) {
      const actor = await loadActor(db.sql, openId, []);
      const details = all.filter((i) => can(actor, 'supervision.view', { unitId: i.unitId, personId: i.personId, leaderId: i.leaderId }).ok).map((i) => i.seq);
      const cond = itemFilter(actor, { kind: 'all' }, '2026-11-18');
      const list = (await readItemList(db.sql, cond, 1000, '2026-11-18', calendar)).rows
        .map((r) => Number(/〕(\d+)号/.exec(r.number)![1]))
        .sort((a, b) => a - b);
      const exported = (await ledgerPage(db.prisma, toPrismaWhere(cond), undefined, 1000)).map((i) => i.seq);
      expect({ openId, list, exported }).toEqual({ openId, list: details, exported: details });
      seen.set(openId, details);
    }
    // The leader in charge of 县住建局 sees its items and those they lead elsewhere, and nothing else.
    expect(seen.get('ou_leader')).toEqual([2, 4, 5, 6, 7, 8, 10]);
    expect(seen.get('ou_sun')).toEqual([1, 3, 6, 9, 11]);
    expect(seen.get('ou_qian')).toEqual([1, 3, 6, 9, 11]); // their own unit's only
    expect(seen.get('ou_sup')).toHaveLength(11);
    expect(seen.get('ou_dir')).toHaveLength(11);
    expect(seen.get('ou_nobody')).toEqual([]);
  });
});
