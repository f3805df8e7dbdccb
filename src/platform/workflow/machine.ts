import { BotError } from '../../errors.js';

/**
 * A declared state machine for an office object (a 督办 item, a draft under review, a 议题): which
 * states it has, which actions move it and from where, and the words people read when an action no
 * longer applies. Pure, no I/O: presenters ask it which buttons to show (`allowed`), handlers ask it
 * where an action leads (`next`), and `transition.ts` turns that into one conditional, audited write.
 */
export interface StateSpec {
  label: string;
  /** No action leads out of a final state (已办结, 已撤销, 已签发). */
  final?: boolean;
}

export interface ActionSpec<S extends string, X = void> {
  /** The word on the button and in messages: '签收', '通过'. */
  label: string;
  /** States where it applies. */
  from: readonly S[];
  /** Omitted: the state does not change (e.g. 反馈进展). */
  to?: S;
  /** A Chinese reason when it does not apply in this context (e.g. 退回 without a comment). */
  guard?: (ctx: X) => string | undefined;
}

export interface MachineSpec<S extends string, A extends string, X = void> {
  /** The object type, e.g. 'supervision_item'. */
  name: string;
  states: Record<S, StateSpec>;
  actions: Record<A, ActionSpec<S, X>>;
  /** Words for a click whose action no longer applies in `state` (stale card); default is generic. */
  notApplicable?: (action: A, state: S) => string;
}

export interface Machine<S extends string, A extends string, X = void> {
  readonly spec: MachineSpec<S, A, X>;
  stateLabel(s: S): string;
  actionLabel(a: A): string;
  isFinal(s: S): boolean;
  /** States not final, in declaration order. */
  readonly openStates: readonly S[];
  canApply(a: A, s: S, ctx?: X): boolean;
  /** Undefined when it applies. */
  whyNot(a: A, s: S, ctx?: X): string | undefined;
  /** The actions that apply, in declaration order, filtered by `may` (the actor's policy): what a card shows. */
  allowed(s: S, ctx?: X, may?: (a: A) => boolean): A[];
  /** The state `a` leads to; throws BotError('stale_card', whyNot) when it does not apply. */
  next(a: A, s: S, ctx?: X): S;
}

/**
 * Builds a machine from its declaration, checking the declaration once so a typo in a from-set or a
 * target fails at start-up rather than as a dead button months later.
 */
export function defineMachine<S extends string, A extends string, X = void>(spec: MachineSpec<S, A, X>): Machine<S, A, X> {
  const states = Object.keys(spec.states) as S[];
  const actions = Object.keys(spec.actions) as A[];
  for (const a of actions) {
    const act = spec.actions[a];
    for (const s of act.from) {
      if (!(s in spec.states)) throw new Error(`${spec.name}: action ${a} applies in undeclared state ${s}`);
      // A final state is final: letting an action out of it would make 已办结 a lie.
      if (spec.states[s].final) throw new Error(`${spec.name}: action ${a} applies in final state ${s}`);
    }
    if (act.to !== undefined && !(act.to in spec.states)) throw new Error(`${spec.name}: action ${a} leads to undeclared state ${act.to}`);
  }
  const openStates: readonly S[] = Object.freeze(states.filter((s) => !spec.states[s].final));

  const stateLabel = (s: S): string => spec.states[s]?.label ?? s;
  const actionLabel = (a: A): string => spec.actions[a]?.label ?? a;
  const staleWords = spec.notApplicable ?? ((a: A, s: S) => `当前状态为「${stateLabel(s)}」，无法${actionLabel(a)}。`);

  const whyNot = (a: A, s: S, ctx?: X): string | undefined => {
    const act = spec.actions[a];
    if (!act) throw new Error(`${spec.name}: unknown action ${a}`);
    if (!act.from.includes(s)) return staleWords(a, s);
    return act.guard?.(ctx as X);
  };

  return {
    spec,
    stateLabel,
    actionLabel,
    isFinal: (s) => spec.states[s]?.final === true,
    openStates,
    canApply: (a, s, ctx) => whyNot(a, s, ctx) === undefined,
    whyNot,
    allowed: (s, ctx, may) => actions.filter((a) => whyNot(a, s, ctx) === undefined && (!may || may(a))),
    next: (a, s, ctx) => {
      const reason = whyNot(a, s, ctx);
      if (reason !== undefined) throw new BotError('stale_card', reason);
      return spec.actions[a].to ?? s;
    },
  };
}
