import { describe, expect, it } from 'vitest';
import { keepersToTell } from './keepers.js';

const person = (id: string, openId: string | null = `ou_${id}`) => ({ personId: id, openId, name: id });

describe('who is told of each leader’s entries', () => {
  it('each leader’s secretaries; 秘书科 for a leader with none (or none who can be reached)', () => {
    const kept = keepersToTell(
      ['L1', 'L2', 'L3'],
      [
        { ...person('wang'), leaderIds: ['L1'] },
        { ...person('nobody', null), leaderIds: ['L3'] },
      ],
      [person('zhao'), person('qian', null)],
      [person('chief')],
    );
    expect(kept).toEqual([
      { ...person('wang'), leaderIds: ['L1'] },
      { ...person('nobody', null), leaderIds: ['L3'] },
      { ...person('zhao'), leaderIds: ['L2', 'L3'] },
    ]);
  });
  it('the 科长 of 秘书科 when 秘书科 has no one with an unscoped grant; nobody more when every leader has a secretary', () => {
    expect(keepersToTell(['L1', 'L2'], [{ ...person('wang'), leaderIds: ['L1'] }], [], [person('chief')])).toEqual([
      { ...person('wang'), leaderIds: ['L1'] },
      { ...person('chief'), leaderIds: ['L2'] },
    ]);
    expect(keepersToTell(['L1'], [{ ...person('wang'), leaderIds: ['L1'] }], [person('zhao')], [person('chief')])).toEqual([
      { ...person('wang'), leaderIds: ['L1'] },
    ]);
  });
  it('a 秘书科 person who is also a leader’s secretary gets one row with both', () => {
    expect(keepersToTell(['L1', 'L2'], [{ ...person('zhao'), leaderIds: ['L1'] }], [person('zhao')], [])).toEqual([
      { ...person('zhao'), leaderIds: ['L1', 'L2'] },
    ]);
  });
});
