import { describe, expect, it } from 'vitest';
import { ITEM_MACHINE, type ItemStatus } from '../domain/states.js';
import { ITEM_ACTION_POLICY } from '../policy.js';
import type { ItemView } from '../view.js';
import { presentItemCard, type ItemAudience } from './item-card.js';

const view = (status: ItemStatus, pending: boolean): ItemView => ({
  id: 'item1',
  number: '督〔2026〕15号',
  content: '推进城南片区老旧小区改造',
  standard: '',
  sourceType: 'meeting',
  sourceRef: '',
  promised: false,
  urgent: false,
  unitName: '县住建局',
  personName: '张伟',
  personOpenId: 'ou_zhang',
  deadline: '2026-12-04',
  status,
  statusNote: '',
  progressPercent: 40,
  overdueDays: 0,
  milestones: [],
  ...(pending ? { pendingExtension: { id: 'ext1', proposedDate: '2026-12-18', reason: '材料未齐' } } : {}),
});

/** The action keys of a card's buttons, in order. */
function buttonKeys(card: unknown): string[] {
  const keys: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'button') keys.push(String((o.behaviors as { value: { a: string } }[])[0]!.value.a));
    Object.values(o).forEach(walk);
  };
  walk(card);
  return keys;
}

/**
 * The buttons each card showed before they came from the machine, written out by hand: the machine's
 * allowed actions, filtered by the audience's policy side, must give exactly these in every case.
 */
function expected(status: ItemStatus, pending: boolean, audience: ItemAudience): string[] {
  const working = status === 'in_progress' || status === 'returned';
  const open = !['closed', 'cancelled'].includes(status);
  if (audience === 'assignee') {
    return [
      ...(status === 'pending_ack' ? ['sv.ack'] : []),
      ...(working ? ['sv.progress.open', 'sv.closure.open'] : []),
      ...((status === 'pending_ack' || working) && !pending ? ['sv.ext.open'] : []),
    ];
  }
  return [...(status === 'pending_close' ? ['sv.close', 'sv.refuse.open'] : []), ...(pending && open ? ['sv.ext.approve', 'sv.ext.refuse'] : [])];
}

describe('item card buttons from the machine', () => {
  const statuses = Object.keys(ITEM_MACHINE.spec.states) as ItemStatus[];
  const cases = statuses.flatMap((s) => [false, true].flatMap((p) => (['assignee', 'group', 'detail'] as const).map((a) => [s, p, a] as const)));

  it.each(cases)('%s, extension pending %s, %s card', (status, pending, audience) => {
    expect(buttonKeys(presentItemCard(view(status, pending), audience))).toEqual(expected(status, pending, audience));
  });

  it('shows no button of the other side, and none on a final state', () => {
    for (const s of statuses) {
      const handle = ITEM_MACHINE.allowed(s, { pendingExtension: true }, (a) => ITEM_ACTION_POLICY[a] === 'supervision.handle');
      expect(handle.every((a) => ITEM_ACTION_POLICY[a] === 'supervision.handle')).toBe(true);
      if (ITEM_MACHINE.isFinal(s)) expect(ITEM_MACHINE.allowed(s, { pendingExtension: true })).toEqual([]);
    }
  });
});
