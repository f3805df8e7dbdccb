import type { PrismaClient } from '../../../../db/client.js';
import type { Db, Tx } from '../../repositories/db.js';

/** The 信息科: the section whose 科长 reviews an issue first, and whose 分管领导 签发 it. */
export const INFO_SECTION = '信息科';

export interface Signer {
  id: string;
  name: string;
  openId: string;
}

type StepData = Omit<Parameters<PrismaClient['infoIssueStep']['create']>[0]['data'], 'id' | 'version'>;

const first = (rows: { person: { id: string; name: string; openId: string | null } }[]): Signer | undefined => {
  const p = rows.map((r) => r.person).find((x) => x.openId);
  return p ? { id: p.id, name: p.name, openId: p.openId! } : undefined;
};

const person = { select: { id: true, name: true, openId: true } } as const;
const order = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/**
 * The 签发 chain from the directory: the 信息科's 科长 (审核), the office director (办公室主任, the unscoped
 * grant: 审核), and the leader in charge of the 信息科 (签发). A level nobody holds is undefined.
 */
export async function issueSigners(db: Db): Promise<{ chief?: Signer; director?: Signer; leader?: Signer }> {
  const section = await db.unit.findFirst({ where: { name: INFO_SECTION }, select: { id: true } });
  const active = { active: true, openId: { not: null } };
  const chief = section
    ? await db.roleGrant.findMany({ where: { role: 'section_chief', person: { ...active, unitId: section.id } }, select: { person }, orderBy: order })
    : [];
  const director = await db.roleGrant.findMany({ where: { role: 'director', scope: '', person: active }, select: { person }, orderBy: order });
  const leader = section
    ? await db.roleGrant.findMany({ where: { role: 'leader', scope: `unit:${section.id}`, person: active }, select: { person }, orderBy: order })
    : [];
  return { chief: first(chief), director: first(director), leader: first(leader) };
}

export const insertIssueStep = (tx: Tx, data: StepData) => tx.infoIssueStep.create({ data });
export const findIssueStep = (db: Db, id: string) => db.infoIssueStep.findUnique({ where: { id } });
/** Compiled items not yet in an issue (adopted, no issue). */
export const uncompiledItems = (db: Db) => db.infoItem.findMany({ where: { state: 'adopted', issueId: null }, orderBy: [{ adoptedAt: 'asc' }, { id: 'asc' }] });
export const personName = async (db: Db, id: string): Promise<string> => (await db.person.findUnique({ where: { id }, select: { name: true } }))?.name ?? '';
