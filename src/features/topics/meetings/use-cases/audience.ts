import type { Directory } from '../../../org/index.js';
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
    if (!a) out.set(p.id, (a = { personId: p.id, name: p.name, openId: p.openId, notice: { presenting: [], attendingFor: [] } }));
    return a;
  };
  agenda.forEach((t, i) => at(t.presenterId)?.notice.presenting.push(i + 1));
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
