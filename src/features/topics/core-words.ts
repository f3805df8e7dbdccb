import type { FeatureDeps } from '../deps.js';
import type { CommandWords } from './subcommands.js';

/** The core's words (t14-core): `议题 申报`, `会议 类型` (built in phase 2). */
export function coreWords(_deps: FeatureDeps): CommandWords {
  return { topic: [], meeting: [] };
}
