import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAudit } from '../../../platform/objects.js';
import { DRAFT_TYPE } from '../object-type.js';
import { ACTION_LABEL } from './states.js';

/** Every `.ts` file under the feature, tests and snapshots aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__snapshots__' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('ACTION_LABEL: what 记录 and the chain card call each act', () => {
  it('the reminder job audit actions read as 审核提醒 and 超时督促 in 记录, not as a generic label', () => {
    expect(describeAudit({ objectType: DRAFT_TYPE, action: 'remind', after: { note: '已到审核时限，提醒蒋科长' } }).action).toBe('审核提醒');
    expect(describeAudit({ objectType: DRAFT_TYPE, action: 'escalate', after: { note: '超过审核时限一倍' } }).action).toBe('超时督促');
    // The timeline kinds the same job writes (the chain card's 办理记录).
    expect(ACTION_LABEL.reminded).toBe('审核提醒');
    expect(ACTION_LABEL.escalated).toBe('超时督促');
    expect(ACTION_LABEL.voided).toBe('签署失效');
  });

  it('every audit action and timeline kind written for a draft has a Chinese label', () => {
    const root = new URL('..', import.meta.url).pathname;
    const codes = new Set<string>();
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      // Draft events are recorded with `kind: '…'` (timeline) and `action: '…'` (audit); ternaries too.
      for (const m of text.matchAll(/\b(?:kind|action): ([^,\n}]+)/g)) for (const q of m[1]!.matchAll(/'([a-z_]+)'/g)) codes.add(q[1]!);
    }
    // Not draft events: errata / template audits have object types of their own, and the rest are other kinds' tags.
    const elsewhere = new Set(['record', 'set', 'reset', 'all', 'units', 'none', 'card', 'text', 'holder', 'reconfirm_card', 'detail']);
    const draftCodes = [...codes].filter((c) => !elsewhere.has(c));
    expect(draftCodes).toEqual(expect.arrayContaining(['remind', 'escalate', 'reminded', 'escalated', 'submit', 'approve']));
    const missing = draftCodes.filter((c) => !(c in ACTION_LABEL));
    expect(missing).toEqual([]);
  });
});
