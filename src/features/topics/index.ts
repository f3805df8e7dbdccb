import type { Router } from '../../router/router.js';
import { keepsSeparate } from '../../platform/digest/index.js';
import { topicDigestSection } from './digest-section.js';
import type { FeatureDeps } from '../deps.js';
import { registerTopicActions } from './actions.js';
import { registerTopicCommands } from './commands.js';
import { registerMeetingsParts } from './meetings/index.js';
import { registerMinutesParts } from './minutes/index.js';
import './object-type.js';
import './policy.js';

/**
 * 会议议题: a unit's topic through 分管领导审核 and 合法性审查 to an agenda, the minutes within 3 working
 * days, and every decision in the 督查督办 ledger. See DESIGN.md for the parts and who builds them.
 */
export function registerTopics(router: Router, deps: FeatureDeps): void {
  registerTopicCommands(router, deps);
  registerTopicActions(router, deps);
  registerMeetingsParts(router, deps);
  registerMinutesParts(router, deps);
  if (!keepsSeparate(deps.settings.digest, 'topics')) deps.digest?.contribute('topics', topicDigestSection(deps));
}

// Local mode's demo office seeds the default meeting types and configures them (src/local/demo-topics.ts).
export { seedMeetingTypes } from './repositories/meeting-types.js';
export { MEETING_TYPE, TOPIC_SERIES, TOPIC_TYPE, meetingSeries, minutesSeries } from './object-type.js';
export { MEETING_MACHINE, MEETING_STATUS_LABEL, TOPIC_MACHINE, TOPIC_STATUS_LABEL, type MeetingStatus, type TopicStatus } from './machine.js';
export { registerTopicMaterialFiles } from './materials-words.js';
