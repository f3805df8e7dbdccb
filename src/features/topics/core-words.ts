import type { FeatureDeps } from '../deps.js';
import { meetingTypeWord } from './meeting-type-command.js';
import type { CommandWords } from './subcommands.js';
import { submitWord } from './submit-command.js';

/** The core's words (t14-core): `议题 申报`, `会议 类型`. */
export function coreWords(deps: FeatureDeps): CommandWords {
  return { topic: [submitWord(deps)], meeting: [meetingTypeWord(deps)] };
}
