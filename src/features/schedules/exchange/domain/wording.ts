/** Labels and time wording come from the 日程 domain (one definition); re-exported for the exchange side. */
export { clockLabel, occupiedSpan, STATUS_LABEL, VISIBILITY_LABEL, type DayPartCode } from '../../domain/entry.js';
