import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { registerBoard } from './board/index.js';
import { registerBriefCommand } from './commands.js';
import { registerNotes } from './notes/index.js';
import { registerEditing } from './editing/index.js';
import { registerIssues } from './issues/index.js';
import { registerScores } from './scores/index.js';
import { createSeam, type BriefPart } from './subcommands.js';
import './object-type.js';
import './policy.js';
import { registerUrgent } from './urgent/index.js';

/**
 * The parts of 政务信息, each in its own folder (DESIGN.md): each registers its actions, jobs and timers on
 * the router and its `信息 <word>` subcommands and note listeners on the seam. Order is the usage order.
 */
const PARTS: readonly BriefPart[] = [
  registerUrgent, // t15-urgent: 急报, 续报, 已呈送; the one-click confirm, the 3-hour clock
  registerNotes, // t15-core: 报送, 零报告, 修改, 撤回, 我的
  registerBoard, // t15-core: 今日, 月报, the nudge and the close
  registerEditing, // t15-draft: 起草 and the editor's card
  registerIssues, // t15-issue: 编期, the 签发 chain, the 简报 .docx and its 印发
  registerScores, // t15-draft: 录用
];

/** 政务信息: notes and 零报告, the daily board, 急情要事 and its clock, drafting, issues and scores. */
export function registerBriefs(router: Router, deps: FeatureDeps): void {
  const seam = createSeam();
  for (const part of PARTS) part(router, deps, seam);
  registerBriefCommand(router, () => seam.all());
}

export { NOTE_SERIES, ISSUE_SERIES, NOTE_TYPE, ITEM_TYPE, ISSUE_TYPE } from './object-type.js';
export { DEFAULT_KINDS, SIX_ELEMENTS, URGENT_KIND, type SixElement } from './domain/kinds.js';
export * from './domain/states.js';
export type { NoteAttachment, ElementStatus, CheckedFact, RiskyPhrase, Distribution } from './domain/json.js';
export { draftInputOf, type DraftInputNote } from './domain/draft-input.js';
export { markNotesUsed, findNotes, notesOfDay, notesBetween, type NoteRow } from './repositories/notes.js';
export { DEFAULT_BRIEF_SETTINGS, DEFAULT_SCORE_SCHEME, DEFAULT_SENSITIVE_WORDS, briefSettings, type BriefSettings, type ScoreScheme } from './settings.js';
export { DEFAULT_DISTRIBUTION } from './issues/domain/document.js';
export type { BriefPart, BriefSeam, BriefSubcommand, NoteChange, NoteChangeKind, NoteChangeListener } from './subcommands.js';
