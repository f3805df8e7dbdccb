import type { DraftRow, EventRow, StepRow } from './repositories/drafts.js';
import { EDITED_AFTER_CLOSE, parseData } from './repositories/drafts.js';

/** A draft as its cards show it: pure data, built from the rows (repositories/views.ts). */
export interface StepView {
  id: string;
  position: number;
  role: string;
  label: string;
  personId: string;
  personName: string;
  openId: string;
  status: string;
  revision: number | null;
  comment: string;
  reachedAt: Date | null;
  decidedAt: Date | null;
  transferredFrom: string;
  transferReason: string;
  version: number;
  /** The latest voiding of this level's sign-off: revision it signed → revision now, who edited, the diff. */
  voided?: VoidNote;
}

export interface VoidNote {
  from: number;
  to: number;
  editor: string;
  /** Lines of a unified-style diff (`- old` / `+ new`), capped; empty when the text could not be read. */
  diff: string[];
  diffTruncated: boolean;
}

export interface TimelineView {
  at: Date;
  actorName: string;
  kind: string;
  text: string;
  revision?: number;
}

export interface DraftView {
  id: string;
  number: string;
  title: string;
  kind: string;
  urgency: string;
  sourceType: string;
  docUrl: string;
  fileName: string;
  /** The file as the bot uploaded it, sent to each holder and re-confirmer; empty for a docx draft. */
  sentFileKey: string;
  revision: number;
  drafterId: string;
  drafterName: string;
  drafterOpenId: string;
  unitId: string;
  unitName: string;
  note: string;
  status: string;
  submittedAt: Date;
  statusAt: Date;
  closedAt: Date | null;
  version: number;
  currentPosition: number | null;
  steps: StepView[];
  /** The document's latest revision seen after 审核完成, when it was edited after (the chain stays closed). */
  editedAfterClose?: number;
  now: Date;
}

export function stepView(s: StepRow, voided?: VoidNote): StepView {
  return {
    id: s.id,
    position: s.position,
    role: s.role,
    label: s.label,
    personId: s.personId,
    personName: s.personName,
    openId: s.openId,
    status: s.status,
    revision: s.revision,
    comment: s.comment,
    reachedAt: s.reachedAt,
    decidedAt: s.decidedAt,
    transferredFrom: s.transferredFrom,
    transferReason: s.transferReason,
    version: s.version,
    ...(voided ? { voided } : {}),
  };
}

/** The latest void note per step, from the timeline's `voided` events. */
export function voidNotes(events: readonly EventRow[]): Map<string, VoidNote> {
  const out = new Map<string, VoidNote>();
  for (const e of events) {
    if (e.kind !== 'voided') continue;
    const d = parseData(e.data);
    if (typeof d.stepId !== 'string') continue;
    out.set(d.stepId, {
      from: Number(d.from),
      to: Number(d.to),
      editor: typeof d.editor === 'string' ? d.editor : '',
      diff: Array.isArray(d.diff) ? d.diff.map(String) : [],
      diffTruncated: d.diffTruncated === true,
    });
  }
  return out;
}

export function draftView(d: DraftRow, steps: readonly StepRow[], events: readonly EventRow[], names: { drafter: string; unit: string }, now: Date): DraftView {
  const notes = voidNotes(events);
  const after = events.filter((e) => e.kind === EDITED_AFTER_CLOSE).map((e) => Number(parseData(e.data).revision));
  const editedAfterClose = after.length ? Math.max(...after) : undefined;
  return {
    id: d.id,
    number: d.number,
    title: d.title,
    kind: d.kind,
    urgency: d.urgency,
    sourceType: d.sourceType,
    docUrl: d.docUrl,
    fileName: d.fileName,
    sentFileKey: d.sentFileKey,
    revision: d.revision,
    drafterId: d.drafterId,
    drafterName: names.drafter,
    drafterOpenId: d.drafterOpenId,
    unitId: d.unitId,
    unitName: names.unit,
    note: d.note,
    status: d.status,
    submittedAt: d.submittedAt,
    statusAt: d.statusAt,
    closedAt: d.closedAt,
    version: d.version,
    currentPosition: d.currentPosition,
    steps: steps.map((s) => stepView(s, notes.get(s.id))),
    ...(editedAfterClose !== undefined && editedAfterClose > d.revision ? { editedAfterClose } : {}),
    now,
  };
}
