export { defineMachine, type ActionSpec, type Machine, type MachineSpec, type StateSpec } from './machine.js';
export { applyTransition, DEFAULT_STALE_MESSAGE, type Transition } from './transition.js';
