import { draftView, type DraftView, type TimelineView } from '../view.js';
import type { Db } from './db.js';
import { eventsOf, parseData, stepsOf, voidingsOf, type DraftRow } from './drafts.js';

/** The draft with its steps and the names its cards show, read in `db` (a transaction sees its own writes). */
export async function loadDraftView(db: Db, draft: DraftRow, now: Date): Promise<DraftView> {
  const [steps, events, drafter, unit] = await Promise.all([
    stepsOf(db, draft.id),
    voidingsOf(db, draft.id),
    db.person.findUnique({ where: { id: draft.drafterId }, select: { name: true } }),
    db.unit.findUnique({ where: { id: draft.unitId }, select: { name: true } }),
  ]);
  return draftView(draft, steps, events, { drafter: drafter?.name ?? '', unit: unit?.name ?? '' }, now);
}

/** The timeline in words' raw material: who (by name where the directory knows them), what, on which revision. */
export async function loadTimeline(db: Db, draftId: string): Promise<TimelineView[]> {
  const events = await eventsOf(db, draftId);
  const openIds = [...new Set(events.map((e) => e.actor).filter((a) => a.startsWith('ou_')))];
  const people = openIds.length ? await db.person.findMany({ where: { openId: { in: openIds } }, select: { openId: true, name: true } }) : [];
  const names = new Map(people.map((p) => [p.openId, p.name]));
  return events.map((e) => {
    const d = parseData(e.data);
    return {
      at: e.at,
      actorName: names.get(e.actor) ?? (e.actor.startsWith('system') ? '系统' : '—'),
      kind: e.kind,
      text: e.text,
      ...(typeof d.revision === 'number' ? { revision: d.revision } : {}),
    };
  });
}
