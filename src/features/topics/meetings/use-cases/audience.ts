import type { Tx } from '../../../../db/handles.js';
import { enqueue } from '../../../../platform/outbox/outbox.js';
import type { Directory } from '../../../org/index.js';
import type { MeetingView } from '../agenda-view.js';
import { presentAgendaNotice } from '../presenters/agenda-card.js';
import { parseIds } from '../../domain/topic-fields.js';
import type { MeetingTypeRow } from '../../repositories/meeting-types.js';
import type { TopicRow } from '../../repositories/topics.js';
import type { AgendaNotice } from '../presenters/agenda-card.js';

/** One person an agenda goes to by DM, and why. */
export interface Addressee {
  personId: string;
  name: string;
  openId: string | null;
  notice: AgendaNotice;
  /** The topics they present: with the units, what a DM was about (a new role is a new DM). */
  topicIds: string[];
}

/**
 * Who receives the agenda by DM: each topic's 汇报人 (with the items they present), and the liaisons
 * (联络员) of every 列席 unit — the type's fixed ones and each topic's own. One DM per person.
 */
export function agendaAddressees(agenda: readonly TopicRow[], type: Pick<MeetingTypeRow, 'fixedUnitIds'> | null, dir: Directory): Addressee[] {
  const out = new Map<string, Addressee>();
  const at = (personId: string) => {
    const p = dir.people.find((x) => x.id === personId);
    if (!p) return undefined;
    let a = out.get(p.id);
    if (!a) out.set(p.id, (a = { personId: p.id, name: p.name, openId: p.openId, notice: { presenting: [], attendingFor: [] }, topicIds: [] }));
    return a;
  };
  agenda.forEach((t, i) => {
    const a = at(t.presenterId);
    a?.notice.presenting.push(i + 1);
    a?.topicIds.push(t.id);
  });
  const units = [...new Set([...parseIds(type?.fixedUnitIds ?? '[]'), ...agenda.flatMap((t) => parseIds(t.attendUnitIds))])];
  for (const unitId of units) {
    const unitName = dir.units.find((u) => u.id === unitId)?.name ?? '';
    for (const p of dir.people.filter((x) => x.unitId === unitId && x.roles.includes('liaison'))) {
      const a = at(p.id)!;
      if (unitName && !a.notice.attendingFor.includes(unitName)) a.notice.attendingFor.push(unitName);
    }
  }
  return [...out.values()];
}

/**
 * The agenda DMs of a published meeting, one per person and role (the key: the topics they present and the
 * units they attend for): at 发布议程 everyone; after a topic is added to a published agenda, only those
 * whose role is new — its presenter, the liaisons of a new 列席 unit (the others' keys are already queued). Returns how many were queued now or before, and who has no Feishu account.
 */
export async function queueAgendaDms(
  tx: Tx,
  view: MeetingView,
  agenda: readonly TopicRow[],
  type: Pick<MeetingTypeRow, 'fixedUnitIds'> | null,
  dir: Directory,
): Promise<{ sent: number; unreachable: string[] }> {
  const people = agendaAddressees(agenda, type, dir);
  const reachable = people.filter((p) => p.openId);
  for (const p of reachable)
    await enqueue(tx, {
      to: { openId: p.openId! },
      content: { type: 'card', card: presentAgendaNotice(view, p.notice, 'publish') },
      key: `meetings.agenda-dm:${view.id}:${p.personId}:${[...p.topicIds].sort().join(',')}:${[...p.notice.attendingFor].sort().join(',')}`,
      origin: 'meetings.publish',
    });
  return { sent: reachable.length, unreachable: people.filter((p) => !p.openId).map((p) => p.name) };
}
