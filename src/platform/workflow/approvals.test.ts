import { describe, expect, it } from 'vitest';
import {
  awaitingReconfirm,
  canFinalise,
  currentStep,
  initialPositions,
  insertAfter,
  isLast,
  nextAfter,
  positionAfter,
  resumeAt,
  transfer,
  voidedBy,
  type SignOff,
} from './approvals.js';

const s = (position: number, status: SignOff['status'], revision: number | null = null): SignOff => ({ position, status, revision });

describe('sign-offs and revisions', () => {
  it('spaces positions so 加签 fits between', () => {
    expect(initialPositions(3)).toEqual([100, 200, 300]);
    expect(positionAfter([s(100, 'current'), s(200, 'waiting')], 100)).toBe(150);
    expect(positionAfter([s(100, 'current'), s(101, 'waiting')], 100)).toBeUndefined();
    expect(positionAfter([s(100, 'current')], 100)).toBe(200);
  });

  it('voidedBy: sign-offs on any other revision than the current one', () => {
    const steps = [s(100, 'approved', 3), s(200, 'approved', 5), s(300, 'current')];
    expect(voidedBy(steps, 5).map((x) => x.position)).toEqual([100]);
    expect(voidedBy(steps, 3).map((x) => x.position)).toEqual([200]);
    expect(voidedBy(steps, 7).map((x) => x.position)).toEqual([100, 200]);
  });

  it('canFinalise: the final sign-off never stands on a revision nobody reviewed', () => {
    const fine = [s(100, 'approved', 5), s(150, 'skipped'), s(200, 'approved', 5), s(300, 'current')];
    expect(canFinalise(fine, 300, 5)).toEqual({ ok: true });
    // The document moved after the last sign-off: the final holder reads revision 6, nobody else did.
    expect(canFinalise(fine, 300, 6)).toEqual({ ok: false, pending: [fine[0], fine[2]] });
    const voided = [s(100, 'voided', 3), s(200, 'approved', 5), s(300, 'current')];
    expect(canFinalise(voided, 300, 5)).toEqual({ ok: false, pending: [voided[0]] });
    const unsigned = [s(100, 'approved', 5), s(200, 'waiting'), s(300, 'current')];
    expect(canFinalise(unsigned, 300, 5).ok).toBe(false);
  });

  it('finds the current, next and last steps', () => {
    const steps = [s(300, 'waiting'), s(100, 'approved', 1), s(200, 'current'), s(400, 'skipped')];
    expect(currentStep(steps)?.position).toBe(200);
    expect(nextAfter(steps, 200)?.position).toBe(300);
    expect(nextAfter(steps, 300)).toBeUndefined();
    expect(isLast(steps, 300)).toBe(true);
    expect(isLast(steps, 200)).toBe(false);
  });

  it('resumeAt: back at the returning level, earlier sign-offs on the old revision voided, later ones waiting', () => {
    const steps = [s(100, 'approved', 2), s(150, 'skipped'), s(200, 'returned', 2), s(300, 'waiting')];
    expect([...resumeAt(steps, 200, 4)]).toEqual([
      [100, 'voided'],
      [200, 'current'],
    ]);
    // Revision unchanged (the drafter resubmitted without editing): earlier sign-offs stand.
    expect([...resumeAt(steps, 200, 2)]).toEqual([[200, 'current']]);
    expect(awaitingReconfirm([s(100, 'voided', 2), s(200, 'current')]).map((x) => x.position)).toEqual([100]);
  });

  it('inserts after and transfers', () => {
    const steps = [s(100, 'current'), s(200, 'waiting')];
    expect(insertAfter(steps, 100, {})?.map((x) => [x.position, x.status])).toEqual([
      [100, 'current'],
      [150, 'waiting'],
      [200, 'waiting'],
    ]);
    expect(transfer({ ...s(100, 'current'), holderId: 'a' }, 'b').holderId).toBe('b');
    expect(() => transfer({ ...s(100, 'approved', 1), holderId: 'a' }, 'b')).toThrow();
  });
});
