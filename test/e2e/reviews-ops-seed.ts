import type { PrismaClient } from '../../src/db/client.js';
import type { FakeLark, FakeUser } from '../../src/local/lark/server.js';

export { caughtUp } from '../support/caught-up.js';

/**
 * A small office for the desk's tests, written straight to the tables (the chain's submission is another
 * branch's): a 综合科 with its drafter and 科长, the office's 副主任 and 主任, an admin, an outsider.
 */
export interface Office {
  drafter: FakeUser;
  chief: FakeUser;
  deputy: FakeUser;
  director: FakeUser;
  admin: FakeUser;
  outsider: FakeUser;
  otherChief: FakeUser;
  unitId: string;
  otherUnitId: string;
  ids: Record<string, string>;
}

export async function seedOffice(fake: FakeLark, db: PrismaClient, adminOpenId = 'ou_admin_first'): Promise<Office> {
  const u = {
    drafter: fake.addUser('赵科员'),
    chief: fake.addUser('李科长'),
    deputy: fake.addUser('王副主任'),
    director: fake.addUser('张主任'),
    admin: fake.addUser('系统管理员', { openId: adminOpenId }),
    outsider: fake.addUser('钱干部'),
    otherChief: fake.addUser('孙科长'),
  };
  const unit = await db.unit.create({ data: { code: 'ZHK', name: '综合科', kind: 'office_section' } });
  const other = await db.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } });
  const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室' } });
  const ids: Record<string, string> = {};
  const person = async (key: keyof typeof u, unitId: string, title: string, roles: { role: string; scope?: string }[]) => {
    const p = await db.person.create({ data: { name: u[key].name, openId: u[key].openId, unitId, title, roles: { create: roles } } });
    ids[key] = p.id;
  };
  await person('drafter', unit.id, '科员', []);
  await person('chief', unit.id, '科长', [{ role: 'section_chief' }]);
  await person('otherChief', other.id, '科长', [{ role: 'section_chief' }]);
  await person('deputy', office.id, '办公室副主任', [{ role: 'director', scope: `unit:${unit.id}` }]);
  await person('director', office.id, '办公室主任', [{ role: 'director' }]);
  await person('admin', office.id, '', [{ role: 'admin' }]);
  await person('outsider', other.id, '科员', []);
  return { ...u, unitId: unit.id, otherUnitId: other.id, ids };
}

let seq = 0;

/**
 * A draft under review at level `at` (0-based) of 科长 → 分管副主任 → 主任, that level having received it
 * at `reachedAt`; the levels before it approved.
 */
export async function seedDraft(
  db: PrismaClient,
  o: Office,
  d: { title: string; urgency?: string; kind?: string; reachedAt: Date; at?: number; unitId?: string; remindedRank?: number },
): Promise<{ draftId: string; number: string; stepIds: string[] }> {
  seq += 1;
  const number = `审〔2026〕${seq}号`;
  const at = d.at ?? 0;
  const draft = await db.reviewDraft.create({
    data: {
      year: 2026,
      seq,
      number,
      title: d.title,
      kind: d.kind ?? 'general',
      urgency: d.urgency ?? 'normal',
      sourceType: 'docx',
      drafterId: o.ids.drafter!,
      drafterOpenId: o.drafter.openId,
      unitId: d.unitId ?? o.unitId,
      status: 'reviewing',
      currentPosition: (at + 1) * 100,
      submittedAt: d.reachedAt,
      statusAt: d.reachedAt,
    },
  });
  const levels = [
    ['section_chief', '科长', 'chief'],
    ['deputy_director', '分管副主任', 'deputy'],
    ['director', '主任', 'director'],
  ] as const;
  const stepIds: string[] = [];
  for (const [i, [role, label, who]] of levels.entries()) {
    const s = await db.reviewStep.create({
      data: {
        draftId: draft.id,
        position: (i + 1) * 100,
        role,
        label,
        personId: o.ids[who]!,
        openId: o[who].openId,
        personName: o[who].name,
        status: i < at ? 'approved' : i === at ? 'current' : 'waiting',
        revision: i < at ? 1 : null,
        reachedAt: i <= at ? d.reachedAt : null,
        decidedAt: i < at ? d.reachedAt : null,
        remindedRank: i === at ? (d.remindedRank ?? 0) : 0,
      },
    });
    stepIds.push(s.id);
  }
  return { draftId: draft.id, number, stepIds };
}
