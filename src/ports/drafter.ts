/**
 * The Drafter port (政务信息 起草): turns liaisons' notes into draft information items.
 *
 * Two implementations: the model drafter (adapters/openai-drafter.ts, an OpenAI-compatible endpoint the office
 * runs) and the deterministic rules drafter (features/briefs/drafting, always available). Neither touches the
 * database. The drafting service in features/briefs/drafting composes them: notes flagged 内部/涉密 never reach
 * the model, every fact in a draft is checked against the source notes, risky phrasing is marked, and a model
 * failure comes back as a typed error with the deterministic draft ready to offer.
 *
 * A draft is data: shown to the editor, never executed; an item is published only by an editor's click.
 */

/** The six kinds of this office (a local list: the office may edit it; the order is the order in an issue). */
export const DEFAULT_BRIEF_KINDS: readonly string[] = ['领导思路', '工作动态', '典型经验', '问题建议', '急情要事', '分析预测'];

/** Why a note may not leave the bot: the liaison marked it, or it matched the office's sensitive-word list. */
export type SensitiveMark = '内部' | '涉密' | '敏感词';

/** A note as the drafter sees it (the caller maps its rows to this; nothing else about the note is sent anywhere). */
export interface DraftNote {
  /** Stable id (the caller's note id or number); drafts cite notes by it. */
  id: string;
  /** The reporting unit, e.g. 县应急管理局, 城关镇. */
  unit: string;
  /** The note's text as the liaison wrote it. */
  text: string;
  /** The liaison's self-declared kind, if any (one of the office's kinds). */
  kind?: string;
  /** 内部 / 涉密 / sensitive-word match: never sent to a model. */
  sensitive: boolean;
  /** What made it sensitive (shown on the card as the reason the rules drafter was used). */
  sensitiveMark?: SensitiveMark;
  /** When the note was reported (optional; only echoed in the prompt as context). */
  reportedAt?: Date;
}

/** Streamed progress while a draft is being written: the card shows it, updated in place (throttled by the caller). */
export interface DraftProgress {
  phase: 'started' | 'writing' | 'retrying' | 'checking' | 'done';
  /** Characters of model output received so far in this attempt (0 for the rules drafter). */
  chars: number;
  /** Items begun so far (counted from the streamed JSON; exact once `done`). */
  items: number;
  /** The attempt number (1, or 2 after a retry). */
  attempt: number;
}

export interface DraftOptions {
  /** The office's kinds (default DEFAULT_BRIEF_KINDS). */
  kinds?: readonly string[];
  /** Body length the prompt asks for, in characters (default 200–500). */
  bodyChars?: { min: number; max: number };
  /** Called as output streams in; must not throw (errors are ignored). */
  onProgress?: (progress: DraftProgress) => void;
  /** Cancels a model call (the editor pressed 重新生成, or the bot is stopping). */
  signal?: AbortSignal;
}

/** What a drafter proposes for one item, before the deterministic checks. */
export interface ProposedItem {
  title: string;
  body: string;
  /** One of the office's kinds. */
  kind: string;
  /** Ids of the notes the item is drawn from (a subset of the input; never empty). */
  sourceNoteIds: string[];
  /** Facts the drafter says the editor should verify (claims only: the checker decides). */
  facts: string[];
  /** Phrases the drafter itself flags as risky (the checker adds its own). */
  riskyPhrases: string[];
}

/** The kind of a fact the checker extracts from a draft. */
export type FactType = 'number' | 'date' | 'time' | 'place' | 'person' | 'organisation' | 'effect';

/** One fact of a draft, checked by deterministic code against the source notes' text. */
export interface CheckedFact {
  type: FactType;
  /** The fact as it appears in the draft (e.g. "1.2万人次", "11月28日", "城关镇"). */
  text: string;
  /** 已在来源中找到 (found) or 来源中未找到 (not_found). */
  status: 'found' | 'not_found';
  /** When found: the note and the sentence of it that contains the fact (quoted on the card). */
  source?: { noteId: string; sentence: string };
  /** Whether the drafter listed this fact itself (a fact found only by the checker has false). */
  claimedByDrafter: boolean;
}

export const FACT_STATUS_LABEL: Record<CheckedFact['status'], string> = { found: '已在来源中找到', not_found: '来源中未找到' };

/** The families of risky phrasing (内容关): inflation, generalising from one case, guesswork, absolutes. */
export type RiskCategory = '拔高' | '以点带面' | '臆断' | '绝对化' | '模型标注';

/** A risky phrase in a draft: where it is (character offsets into title or body) and why. */
export interface RiskyPhrase {
  phrase: string;
  category: RiskCategory;
  field: 'title' | 'body';
  start: number;
  end: number;
}

/** A finished draft item: the proposal plus the checks. */
export interface DraftItem {
  title: string;
  body: string;
  kind: string;
  sourceNoteIds: string[];
  facts: CheckedFact[];
  riskyPhrases: RiskyPhrase[];
  /** Who wrote this item. */
  origin: 'model' | 'rules';
  /** Notes drawn on that asked the model to act (publish, @所有人, change a score…): shown as a warning, never obeyed. */
  instructionLikeNoteIds: string[];
  /** Why the rules drafter wrote this item inside a model run (a 涉密 note, a note the model left out). */
  rulesReason?: RulesReason;
}

/** Why the rules drafter wrote some or all items. */
export type RulesReason = 'no_model' | 'sensitive' | 'model_failed' | 'uncited';

export const RULES_REASON_LABEL: Record<RulesReason, string> = {
  no_model: '规则生成（未配置大模型）',
  sensitive: '规则生成（含内部或涉密信息，未发送大模型）',
  model_failed: '规则生成（大模型调用失败）',
  uncited: '规则生成（大模型草稿未涉及该信息，按规则补写）',
};

export interface TokenUsage {
  prompt: number;
  completion: number;
  total: number;
}

/** Recorded in the audit with each draft. */
export interface DraftMeta {
  label: 'model' | 'rules';
  reason?: RulesReason;
  /** The reason in the card's words (RULES_REASON_LABEL), when label is rules. */
  reasonText?: string;
  /** `briefs/system@3+briefs/task@2` for the model; `rules@N` for the rules drafter. */
  promptVersion: string;
  /** The model name the endpoint reported (or LLM_MODEL); `rules` for the rules drafter. */
  model: string;
  /** Token usage as the endpoint reported it (null when it reports none, e.g. some Xinference engines). */
  tokens: TokenUsage | null;
  /** Wall-clock milliseconds the drafting took (measured by the caller-supplied timer, not the domain). */
  ms: number;
  /** Model attempts made (0 for the rules drafter; 2 after a retry). */
  attempts: number;
}

/** Model failures the caller tells the editor about in one message, offering the deterministic draft. */
export type DrafterErrorCode =
  | 'timeout' // LLM_TIMEOUT_MS passed (or the endpoint hung)
  | 'server' // the endpoint answered 5xx
  | 'rejected' // 4xx: bad key, unknown model, request refused
  | 'unreachable' // connection refused, DNS, reset
  | 'length' // finish_reason length: the output was cut off
  | 'invalid_output' // unparseable or schema-breaking output twice (after one retry)
  | 'aborted'; // the caller cancelled

export const DRAFTER_ERROR_LABEL: Record<DrafterErrorCode, string> = {
  timeout: '大模型响应超时',
  server: '大模型服务出错',
  rejected: '大模型服务拒绝了请求',
  unreachable: '无法连接大模型服务',
  length: '大模型输出被截断',
  invalid_output: '大模型输出格式不符合要求',
  aborted: '起草已取消',
};

export class DrafterError extends Error {
  constructor(
    public readonly code: DrafterErrorCode,
    message: string,
    public readonly detail: { status?: number; attempts: number; promptVersion?: string; model?: string; ms?: number } = { attempts: 1 },
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'DrafterError';
  }

  /** The one line the editor sees. */
  get userMessage(): string {
    return `${DRAFTER_ERROR_LABEL[this.code]}，来源信息未受影响。可改用规则生成的草稿。`;
  }
}

/** A drafter's answer: proposals (unchecked) and meta, or a typed failure. */
export type DrafterOutcome = { ok: true; items: ProposedItem[]; meta: DraftMeta } | { ok: false; error: DrafterError };

/** What the model adapter and the rules drafter implement. Notes given here are already cleared to go. */
export interface Drafter {
  readonly label: 'model' | 'rules';
  draft(notes: readonly DraftNote[], options?: DraftOptions): Promise<DrafterOutcome>;
}

/**
 * The drafting service's answer (features/briefs/drafting `draftBriefs`): checked items and meta; on a model
 * failure, the error plus the deterministic draft for the card to offer.
 */
export type BriefDraftOutcome =
  { ok: true; items: DraftItem[]; meta: DraftMeta } | { ok: false; error: DrafterError; fallback: { items: DraftItem[]; meta: DraftMeta } };
