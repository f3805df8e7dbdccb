import type { PrismaClient } from '../../../db/handles.js';
import { BotError, notFound } from '../../../errors.js';
import { recordAudit } from '../../../platform/audit.js';
import { lockDirectory } from '../repositories/directory-lock.js';
import { addGrant, countHolders, findPersonById, holdsRoleByOpenId, removeGrants, type GrantRow } from '../repositories/people.js';
import { ROLE_NAMES, type Role } from '../roles.js';

/** Room to wait behind another directory change (an import holds the lock for seconds). */
const WAIT = { maxWait: 10_000, timeout: 30_000 };

export interface RoleChange {
  /** open_id of who made the change. */
  actor: string;
  personId: string;
  role: Role;
  at: Date;
  /** The actor is an admin by ADMIN_OPEN_IDS (no grant to lose meanwhile). */
  actorIsBootstrapAdmin?: boolean;
}

/**
 * Grants and revokes need an admin, checked before the transaction from the acting person as loaded for
 * the event. Checked again under the directory lock: an admin whose own role another admin revoked a
 * moment ago must not still act.
 */
async function assertStillAdmin(tx: Parameters<typeof lockDirectory>[0], c: RoleChange): Promise<void> {
  if (c.actorIsBootstrapAdmin) return;
  if (!(await holdsRoleByOpenId(tx, c.actor, 'admin'))) {
    throw new BotError('forbidden', `您的「${ROLE_NAMES.admin}」角色刚被撤销，无法完成此操作。`);
  }
}

/** Grants a role, once per scope ("" when unscoped); returns the grants that were new. */
export async function grantRole(prisma: PrismaClient, c: RoleChange & { scopes?: string[] }): Promise<GrantRow[]> {
  const scopes = c.scopes?.length ? [...new Set(c.scopes)] : [''];
  return prisma.$transaction(async (tx) => {
    await lockDirectory(tx);
    await assertStillAdmin(tx, c);
    const person = await findPersonById(tx, c.personId);
    if (!person || !person.active) throw notFound('该人员不在人员名册中。');
    const added: GrantRow[] = [];
    for (const scope of scopes) {
      if (person.roles.some((g) => g.role === c.role && g.scope === scope)) continue;
      const grant = { personId: person.id, role: c.role, scope };
      await addGrant(tx, grant);
      await recordAudit(tx, { actor: c.actor, objectType: 'role_grant', objectId: person.id, action: 'grant', after: { role: c.role, scope }, at: c.at });
      added.push(grant);
    }
    return added;
  }, WAIT);
}

/**
 * Takes a role away (every scope of it); returns the grants removed. The last admin in the directory
 * cannot be removed unless admins are also configured at start (ADMIN_OPEN_IDS). Two admins revoking
 * each other at once are serialised by the directory lock: the second sees the first's revoke and is
 * refused.
 */
export async function revokeRole(prisma: PrismaClient, c: RoleChange & { bootstrapAdminsConfigured: boolean }): Promise<GrantRow[]> {
  return prisma.$transaction(async (tx) => {
    await lockDirectory(tx);
    await assertStillAdmin(tx, c);
    const person = await findPersonById(tx, c.personId);
    if (!person) throw notFound('该人员不在人员名册中。');
    const held = person.roles.filter((g) => g.role === c.role);
    if (!held.length) return [];
    if (c.role === 'admin' && !c.bootstrapAdminsConfigured && (await countHolders(tx, 'admin')) <= held.length) {
      throw new BotError('conflict', `不能撤销最后一位「${ROLE_NAMES.admin}」：请先为其他人员授予管理员角色。`);
    }
    const removed = await removeGrants(tx, person.id, c.role);
    for (const g of removed) {
      await recordAudit(tx, {
        actor: c.actor,
        objectType: 'role_grant',
        objectId: person.id,
        action: 'revoke',
        before: { role: g.role, scope: g.scope },
        at: c.at,
      });
    }
    return removed;
  }, WAIT);
}
