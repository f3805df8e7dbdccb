import { describe, expect, it } from 'vitest';
import { BotError } from '../../errors.js';
import { defineMachine } from './machine.js';

// A small review chain as an example of a second user: 待审 → 通过 / 退回修改 (a comment is required).
type S = 'pending' | 'returned' | 'approved' | 'withdrawn';
type A = 'approve' | 'return' | 'comment' | 'resubmit' | 'withdraw';
interface Ctx {
  comment?: string;
  holder?: boolean;
}

const chain = defineMachine<S, A, Ctx>({
  name: 'example_review',
  states: {
    pending: { label: '待审' },
    returned: { label: '退回修改' },
    approved: { label: '已通过', final: true },
    withdrawn: { label: '已撤回', final: true },
  },
  actions: {
    approve: { label: '通过', from: ['pending'], to: 'approved', guard: (c) => (c?.holder === false ? '该文稿当前不在您手中。' : undefined) },
    return: { label: '退回修改', from: ['pending'], to: 'returned', guard: (c) => (c?.comment?.trim() ? undefined : '退回修改时请填写意见。') },
    comment: { label: '批注', from: ['pending', 'returned'] },
    resubmit: { label: '重新提交', from: ['returned'], to: 'pending' },
    withdraw: { label: '撤回', from: ['pending', 'returned'], to: 'withdrawn' },
  },
});

describe('defineMachine: labels and finality', () => {
  it('labels states and actions and knows which states are final', () => {
    expect(chain.stateLabel('pending')).toBe('待审');
    expect(chain.actionLabel('return')).toBe('退回修改');
    expect(chain.isFinal('approved')).toBe(true);
    expect(chain.isFinal('returned')).toBe(false);
    expect(chain.openStates).toEqual(['pending', 'returned']);
  });

  it('refuses a declaration with an action out of a final state or into an undeclared one', () => {
    expect(() =>
      defineMachine<'a' | 'b', 'x'>({
        name: 'bad',
        states: { a: { label: 'A' }, b: { label: 'B', final: true } },
        actions: { x: { label: 'X', from: ['b'], to: 'a' } },
      }),
    ).toThrow(/final state b/);
    expect(() => defineMachine<'a', 'x'>({ name: 'bad', states: { a: { label: 'A' } }, actions: { x: { label: 'X', from: ['a'], to: 'z' as 'a' } } })).toThrow(
      /undeclared state z/,
    );
  });
});

describe('defineMachine: what applies', () => {
  it('computes the allowed actions in declaration order, with guards and the actor policy', () => {
    expect(chain.allowed('pending', { comment: '请补充依据', holder: true })).toEqual(['approve', 'return', 'comment', 'withdraw']);
    // No comment yet: 退回修改 is guarded off.
    expect(chain.allowed('pending', { holder: true })).toEqual(['approve', 'comment', 'withdraw']);
    // The policy filter: a reviewer may not withdraw someone else's draft.
    expect(chain.allowed('pending', { holder: true, comment: 'x' }, (a) => a !== 'withdraw')).toEqual(['approve', 'return', 'comment']);
    expect(chain.allowed('returned', {})).toEqual(['comment', 'resubmit', 'withdraw']);
  });

  it('allows nothing in a final state', () => {
    expect(chain.allowed('approved', { holder: true, comment: 'x' })).toEqual([]);
    expect(chain.canApply('withdraw', 'withdrawn')).toBe(false);
  });

  it('says why not: the stale-state words first, then the guard reason', () => {
    expect(chain.whyNot('approve', 'approved', { holder: true })).toBe('当前状态为「已通过」，无法通过。');
    expect(chain.whyNot('return', 'pending', {})).toBe('退回修改时请填写意见。');
    expect(chain.whyNot('approve', 'pending', { holder: false })).toBe('该文稿当前不在您手中。');
    expect(chain.whyNot('approve', 'pending', { holder: true })).toBeUndefined();
  });

  it('uses the declared stale words when given', () => {
    const m = defineMachine<'open' | 'done', 'finish'>({
      name: 'example',
      states: { open: { label: '办理中' }, done: { label: '已办结', final: true } },
      actions: { finish: { label: '办结', from: ['open'], to: 'done' } },
      notApplicable: (a, s) => `该事项${s === 'done' ? '已办结' : '状态已变'}，无需${a === 'finish' ? '再次办结' : '操作'}。`,
    });
    expect(m.whyNot('finish', 'done')).toBe('该事项已办结，无需再次办结。');
  });
});

describe('defineMachine: next', () => {
  it('leads to the declared state, or stays when the action has no target', () => {
    expect(chain.next('approve', 'pending', { holder: true })).toBe('approved');
    expect(chain.next('comment', 'returned')).toBe('returned');
    expect(chain.next('resubmit', 'returned')).toBe('pending');
  });

  it('throws a stale-card BotError with the reason when the action does not apply', () => {
    const stale = (() => {
      try {
        chain.next('resubmit', 'approved');
      } catch (e) {
        return e;
      }
    })();
    expect(stale).toBeInstanceOf(BotError);
    expect(stale).toMatchObject({ code: 'stale_card', userMessage: '当前状态为「已通过」，无法重新提交。' });
    expect(() => chain.next('return', 'pending', { comment: '  ' })).toThrow(/退回修改时请填写意见/);
  });
});
