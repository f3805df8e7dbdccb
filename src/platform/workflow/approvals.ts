/**
 * Ordered sign-off steps with the revision each was given on: the part of a review chain that is the
 * same for 文稿审核, 会议议题 (分管领导审核, 合法性审查) and 政务信息 (签发). Pure: callers keep the steps
 * in their own tables and ask these functions what stands.
 *
 * A sign-off stands only on the revision it was given on. When the thing under review moves on, every
 * sign-off on an older revision is void until its reviewer re-confirms on the current one, and the final
 * sign-off can never be given while any level stands on a revision other than the one being finalised.
 */

/** waiting: not reached yet · current: holds it now · approved: signed · returned: sent it back ·
 *  voided: signed on an older revision, to re-confirm · skipped: not needed (e.g. the author's own level). */
export type SignOffStatus = 'waiting' | 'current' | 'approved' | 'returned' | 'voided' | 'skipped';

export interface SignOff {
  /** Order in the chain (spaced, so a step can go between two). */
  position: number;
  /** A SignOffStatus; rows read from a database carry it as a plain string. */
  status: SignOffStatus | (string & {});
  /** The revision the step signed or re-confirmed on; null before it acted. */
  revision: number | null;
}

/** Room left between two positions, so a 加签 step fits between any two without renumbering. */
export const POSITION_GAP = 100;

export const initialPositions = (count: number): number[] => Array.from({ length: count }, (_, i) => (i + 1) * POSITION_GAP);

const ordered = <T extends SignOff>(steps: readonly T[]): T[] => [...steps].sort((a, b) => a.position - b.position);

/** The step holding it now, if any. */
export const currentStep = <T extends SignOff>(steps: readonly T[]): T | undefined => ordered(steps).find((s) => s.status === 'current');

/** Signed steps whose sign-off stands on a revision other than `revision` (they are to be voided). */
export function voidedBy<T extends SignOff>(steps: readonly T[], revision: number): T[] {
  return ordered(steps).filter((s) => s.status === 'approved' && s.revision !== null && s.revision !== revision);
}

/** Steps that still owe a re-confirmation on the current revision. */
export const awaitingReconfirm = <T extends SignOff>(steps: readonly T[]): T[] => ordered(steps).filter((s) => s.status === 'voided');

/** The step after `position` that has not signed yet and is not skipped (the next holder). */
export function nextAfter<T extends SignOff>(steps: readonly T[], position: number): T | undefined {
  return ordered(steps).find((s) => s.position > position && (s.status === 'waiting' || s.status === 'returned'));
}

/** Whether `position` is the last step that takes part (nothing but skipped steps after it). */
export const isLast = <T extends SignOff>(steps: readonly T[], position: number): boolean =>
  !ordered(steps).some((s) => s.position > position && s.status !== 'skipped');

/**
 * The final sign-off on `revision`: allowed only when every other taking-part step has signed on exactly
 * that revision. A step signed on an older revision (voided or not yet marked) blocks it, as does any
 * step not yet signed.
 */
export function canFinalise<T extends SignOff>(steps: readonly T[], finalPosition: number, revision: number): { ok: true } | { ok: false; pending: T[] } {
  const pending = ordered(steps).filter((s) => s.position !== finalPosition && s.status !== 'skipped' && !(s.status === 'approved' && s.revision === revision));
  return pending.length === 0 ? { ok: true } : { ok: false, pending };
}

/** A position strictly between `position` and the next step's (加签: a reviewer right after me). */
export function positionAfter(steps: readonly SignOff[], position: number): number | undefined {
  const next = ordered(steps).find((s) => s.position > position);
  if (!next) return position + POSITION_GAP;
  const mid = Math.floor((position + next.position) / 2);
  return mid > position && mid < next.position ? mid : undefined;
}

/**
 * When a returned draft comes back: the chain resumes at the step that returned it. Steps before it that
 * signed on an older revision are voided (to re-confirm); steps after it are waiting again.
 */
export function resumeAt<T extends SignOff>(steps: readonly T[], returning: number, revision: number): Map<number, SignOffStatus> {
  const changes = new Map<number, SignOffStatus>();
  for (const s of ordered(steps)) {
    if (s.status === 'skipped') continue;
    if (s.position === returning) changes.set(s.position, 'current');
    else if (s.position < returning && s.status === 'approved' && s.revision !== revision) changes.set(s.position, 'voided');
    else if (s.position > returning && s.status !== 'waiting') changes.set(s.position, 'waiting');
  }
  return changes;
}

/** 加签: a new step right after `position`, waiting (it becomes current when `position` signs). */
export function insertAfter<T extends SignOff>(steps: readonly T[], position: number, step: Omit<T, 'position' | 'status' | 'revision'>): T[] | undefined {
  const at = positionAfter(steps, position);
  if (at === undefined) return undefined;
  const added = { ...step, position: at, status: 'waiting', revision: null } as T;
  return ordered([...steps, added]);
}

/** 转交: the current step passes to another holder; what it had signed is nothing (it had not). */
export function transfer<T extends SignOff & { holderId: string }>(step: T, toHolderId: string): T {
  if (step.status !== 'current') throw new Error(`transfer: step ${step.position} is ${step.status}, not current`);
  return { ...step, holderId: toHolderId };
}
