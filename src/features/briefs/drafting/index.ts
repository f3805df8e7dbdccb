// 政务信息 drafting (pure: no database, no clock, no environment). The briefs feature's use cases call
// draftBriefs with the notes an editor chose, the rules drafter and, when configured, the model drafter.
export { DEFAULT_KIND_RULES, classifyKind, kindOf, kindRulesFor, kindScores, type KindRule, type KindRules } from './kinds.js';
export { checkDraftFacts, checkFacts, extractFacts, type ExtractedFact } from './facts.js';
export { DEFAULT_RISKY_WORDS, findRiskyPhrases, type RiskyWordList } from './risky.js';
export { isInstructionLike, partitionSensitive, sensitiveMarkOf } from './guard.js';
export { groupSameMatter, type MergeOptions } from './merge.js';
export { RULES_VERSION, createRulesDrafter, ruleItem, type RulesDrafterOptions } from './rules-drafter.js';
export { OUTPUT_SHAPE_HINT, briefOutputSchema, extractJson, type BriefOutput } from './schema.js';
export { BRIEF_PROMPTS_DIR, loadBriefPrompts, parsePrompt, renderBriefMessages, type BriefPrompts, type Prompt } from './prompts.js';
export { draftBriefs, finishItems, type DraftBriefsDeps } from './service.js';
export { cleanText, sentences, titleFrom } from './text.js';
