import type { NoteRow } from '../../repositories/notes.js';
import { urgentClock } from '../domain/clock.js';
import { clockText, gist } from './text.js';

/** `信息 急报` for an editor: the urgent matters whose clock still runs, with what is left of it. */
export function runningText(notes: readonly NoteRow[], units: ReadonlyMap<string, string>, now: Date): string {
  if (!notes.length) return '目前没有尚未报送领导的急情要事。';
  const lines = notes.map((n) => {
    const c = urgentClock(n.eventAt, n.reportedAt);
    const left = c.escalateAt.getTime() - now.getTime();
    const state = left > 0 ? `距3小时时限还有${Math.ceil(left / 60_000)}分钟（${clockText(c.escalateAt)}）` : `已超过3小时时限（${clockText(c.escalateAt)}）`;
    return `${n.number} ${units.get(n.unitId) ?? ''}：${gist(n.body, 24)}\n  事发${clockText(c.startAt)}，${state}`;
  });
  return [`尚未报送领导的急情要事${notes.length}件：`, ...lines].join('\n');
}
