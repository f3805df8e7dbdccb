export { presentMorningDigest, MAX_SECTION_LINES } from './card.js';
export { registerDigestJob } from './job.js';
export {
  DIGEST_ROLES,
  DigestRegistry,
  orderSections,
  type DigestAudience,
  type DigestContributor,
  type DigestDay,
  type DigestPerson,
  type DigestRole,
  type DigestSection,
} from './registry.js';
export { DIGEST_JOB, digestKey, runMorningDigest, type DigestRunResult } from './run.js';
export { DEFAULT_DIGEST_SETTINGS, DIGEST_FEATURES, keepsSeparate, type DigestFeature, type DigestSettings } from './settings.js';
