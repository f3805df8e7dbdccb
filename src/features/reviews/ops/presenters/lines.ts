import { inlineText } from '../../../../cards/elements.js';
import { formatDwell } from '../domain/dwell.js';
import { kindLabel } from '../../domain/kinds.js';
import { urgencyLabel } from '../../domain/kinds.js';

/** One open draft as the desk lists show it: number, title, urgency, where it is and for how long. */
export interface DraftLine {
  number: string;
  title: string;
  kind: string;
  urgency: string;
  /** The level holding it and its holder (empty when nobody holds it: returned to the drafter). */
  label: string;
  holderName: string;
  /** Working minutes the level has held it. */
  dwellMinutes: number;
  /** Past the level's limit. */
  overdue: boolean;
  /** A voided sign-off waiting to be given again (the dwell runs from the voiding). */
  reconfirm?: boolean;
  unitName?: string;
}

/** `审〔2026〕37号《标题》（特急，已审核2小时）` — user text escaped, the code's markup around it. */
export function draftLine(l: DraftLine, dayMinutes: number, o: { holder?: boolean; kind?: boolean } = {}): string {
  const parts = [urgencyLabel(l.urgency)];
  if (o.kind) parts.push(kindLabel(l.kind));
  if (o.holder && l.holderName) parts.push(`${inlineText(l.holderName)}（${inlineText(l.label)}）`);
  if (l.reconfirm) parts.push('待重新确认');
  parts.push(`已审核${formatDwell(l.dwellMinutes, dayMinutes)}`);
  const late = l.overdue ? ' <font color="red">超时</font>' : '';
  return `${inlineText(l.number)}《${inlineText(l.title)}》（${parts.join('，')}）${late}`;
}
