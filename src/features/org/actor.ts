import type { SqlRunner } from '../../db/sql.js';
import type { BaseContext } from '../../router/context.js';
import type { Middleware } from '../../router/router.js';
import { findActorRecord } from './repositories/actors.js';
import { isRole, type Role } from './roles.js';

export interface Grant {
  role: Role;
  /** See roles.ts for the encoding; "" when unscoped. */
  scope: string;
}

/** Who is acting: the person behind an open_id, with their roles. Unknown people have no roles. */
export interface Actor {
  openId: string;
  person?: { id: string; name: string; unitId: string | null };
  grants: readonly Grant[];
  /** Admin because ADMIN_OPEN_IDS lists them (not a grant in the directory). */
  bootstrapAdmin: boolean;
}

export function hasRole(actor: Actor, role: Role, scope?: string): boolean {
  if (role === 'admin' && actor.bootstrapAdmin) return true;
  return actor.grants.some((g) => g.role === role && (scope === undefined || g.scope === scope));
}

/** The scopes under which the actor holds a role (e.g. the unit ids a leader is in charge of). */
export function scopesOf(actor: Actor, role: Role): string[] {
  return actor.grants.filter((g) => g.role === role).map((g) => g.scope);
}

export async function loadActor(db: SqlRunner, openId: string, bootstrapAdmins: readonly string[]): Promise<Actor> {
  const person = await findActorRecord(db, openId);
  const grants: Grant[] = (person?.grants ?? []).flatMap((g) => (isRole(g.role) ? [{ role: g.role, scope: g.scope }] : []));
  return {
    openId,
    ...(person && person.active ? { person: { id: person.id, name: person.name, unitId: person.unitId } } : {}),
    grants: person && !person.active ? [] : grants,
    bootstrapAdmin: bootstrapAdmins.includes(openId),
  };
}

const ACTOR_KEY = 'org.actor';

/** Global middleware (commands, card clicks, files): loads the acting person once per event. */
export function actorMiddleware(db: SqlRunner, bootstrapAdmins: readonly string[]): Middleware<BaseContext> {
  return async (ctx, next) => {
    ctx.locals[ACTOR_KEY] = await loadActor(db, ctx.actorOpenId, bootstrapAdmins);
    await next();
  };
}

/** The acting person, as loaded by the org middleware. */
export function actorOf(ctx: Pick<BaseContext, 'locals'>): Actor {
  const actor = ctx.locals[ACTOR_KEY] as Actor | undefined;
  if (!actor) throw new Error('actorOf: the org actor middleware did not run (is registerOrg called?)');
  return actor;
}
