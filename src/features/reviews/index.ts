import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { registerReviewActions } from './actions.js';
import { registerReviewCommands, registerReviewFiles } from './commands.js';
import { registerReviewOps } from './ops/index.js';
import { draftsOnDocument } from './repositories/drafts.js';
import { onDocumentEdited } from './use-cases/revisions.js';
import './object-type.js';
import './policy.js';

/** 文稿审核: the chain that shows who holds the draft, and voids a sign-off when the draft changes. */
export function registerReviews(router: Router, deps: FeatureDeps): void {
  registerReviewCommands(router, deps);
  registerReviewFiles(router, deps);
  registerReviewActions(router, deps);
  registerReviewOps(router, deps);
  // drive.file.edit_v1 carries no revision: a hint to re-read every open draft on that document.
  router.onDocumentEdited(async (e) => onDocumentEdited(deps, e.fileToken, await draftsOnDocument(deps.prisma, e.fileToken)));
}

export { DRAFT_SERIES, DRAFT_TYPE } from './object-type.js';
export { KINDS, KIND_LABEL, URGENCIES, URGENCY_LABEL, parseKind, parseUrgency, type Kind, type Urgency } from './domain/kinds.js';
export { DEFAULT_TEMPLATES, formatTemplate, parseTemplate, validateTemplate, type TemplateStep } from './domain/templates.js';
export { loadTemplate, saveTemplate } from './repositories/templates.js';
// The review limits' parser (REVIEW_LIMITS): config reads it through this entry, not the feature's inside.
export { DEFAULT_REVIEW_LIMITS, parseReviewLimits, type ReviewLimits } from './ops/domain/limits.js';
// For other features: a draft the bot generated goes through the chain (卡在谁那 shows it), and its sign-off is told back.
export {
  onDraftFinalised,
  revisedDraftFile,
  submitSystemDraft,
  type DraftFinalisedListener,
  type FinalisedDraft,
  type SystemDraftInput,
} from './use-cases/system-draft.js';
