import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { LlmSettings } from '../config.js';
import {
  briefOutputSchema,
  createRulesDrafter,
  extractJson,
  loadBriefPrompts,
  renderBriefMessages,
  type BriefPrompts,
} from '../features/briefs/drafting/index.js';
import {
  DEFAULT_BRIEF_KINDS,
  DrafterError,
  type DraftNote,
  type DraftOptions,
  type DraftProgress,
  type Drafter,
  type DrafterOutcome,
  type ProposedItem,
  type TokenUsage,
} from '../ports/drafter.js';

/**
 * The model drafter: the real `openai` client against the office's OpenAI-compatible endpoint (vLLM, Ollama,
 * llama-server, Xinference). Output is asked for as LLM_OUTPUT_MODE says (json_schema | json_object | text),
 * then always handled the same way: <think>…</think> stripped, the JSON extracted and validated with zod. The
 * client's own retries are off; one retry happens here, only for unparseable or schema-breaking output. A
 * timeout, a 5xx, a refusal, a cut-off (finish_reason length) or a dropped connection is a typed DrafterError.
 *
 * Defence in depth: a note flagged sensitive is refused here too (the drafting service never passes one).
 */
export interface OpenAiDrafterDeps {
  prompts: BriefPrompts;
  /** Stream the output (default true: the card shows progress). */
  stream?: boolean;
  /** Milliseconds from an arbitrary origin (performance.now by default). */
  elapsed?: () => number;
  /** Passed to the client (tests: the fake server's fetch is the real one). */
  fetch?: typeof fetch;
}

class InvalidOutput extends Error {}

interface Attempt {
  content: string;
  finishReason: string | null | undefined;
  usage: TokenUsage | null;
  model?: string;
}

const addUsage = (a: TokenUsage | null, b: TokenUsage | null): TokenUsage | null =>
  !a ? b : !b ? a : { prompt: a.prompt + b.prompt, completion: a.completion + b.completion, total: a.total + b.total };

function usageOf(u: OpenAI.CompletionUsage | null | undefined): TokenUsage | null {
  if (!u || typeof u.prompt_tokens !== 'number' || u.prompt_tokens < 0) return null;
  return { prompt: u.prompt_tokens, completion: u.completion_tokens, total: u.total_tokens };
}

/** Counts items begun in streamed JSON (each has one "title" key), reading each character once. */
function itemCounter(): (text: string) => number {
  let scanned = 0;
  let count = 0;
  return (text) => {
    // Re-read the last few characters: a key may arrive split across chunks.
    const from = Math.max(0, scanned - 8);
    const tail = text.slice(from);
    const before = text.slice(from, scanned);
    count += (tail.match(/"title"\s*:/g) ?? []).length - (before.match(/"title"\s*:/g) ?? []).length;
    scanned = text.length;
    return count;
  };
}

export function createOpenAiDrafter(settings: LlmSettings, deps: OpenAiDrafterDeps): Drafter {
  const client = new OpenAI({
    baseURL: settings.baseUrl,
    // Many intranet servers want no key; the client insists on one.
    apiKey: settings.apiKey ?? 'sk-no-key',
    timeout: settings.timeoutMs,
    maxRetries: 0,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const elapsed = deps.elapsed ?? (() => performance.now());
  const streaming = deps.stream ?? true;

  async function call(
    messages: ChatCompletionMessageParam[],
    format: ChatCompletionCreateParamsBase['response_format'],
    signal: AbortSignal,
    report: (chars: number, text: string) => void,
  ): Promise<Attempt> {
    const base = { model: settings.model, messages, temperature: 0.2, ...(format ? { response_format: format } : {}) };
    if (!streaming) {
      const completion = await client.chat.completions.create({ ...base, stream: false }, { signal });
      const choice = completion.choices[0];
      const content = choice?.message?.content ?? '';
      report(content.length, content);
      return { content, finishReason: choice?.finish_reason, usage: usageOf(completion.usage), model: completion.model };
    }
    const stream = await client.chat.completions.create({ ...base, stream: true, stream_options: { include_usage: true } }, { signal });
    let content = '';
    let finishReason: string | null | undefined;
    let usage: TokenUsage | null = null;
    let model: string | undefined;
    for await (const chunk of stream) {
      model ??= chunk.model || undefined;
      if (chunk.usage) usage = usageOf(chunk.usage);
      for (const choice of chunk.choices ?? []) {
        // A reasoning parser (vLLM, DeepSeek) sends the thinking as reasoning_content: progress, not answer.
        const thinking = (choice.delta as { reasoning_content?: string } | undefined)?.reasoning_content;
        if (choice.delta?.content) content += choice.delta.content;
        if (choice.delta?.content || thinking) report(content.length, content);
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
    }
    return { content, finishReason, usage, model };
  }

  return {
    label: 'model',
    async draft(notes: readonly DraftNote[], options: DraftOptions = {}): Promise<DrafterOutcome> {
      if (notes.some((n) => n.sensitive || n.sensitiveMark))
        throw new Error('a note flagged 内部/涉密 reached the model drafter: the drafting service must keep it');
      const kinds = options.kinds ?? DEFAULT_BRIEF_KINDS;
      const bodyChars = options.bodyChars ?? { min: 200, max: 500 };
      const schema = briefOutputSchema(
        kinds,
        notes.map((n) => n.id),
      );
      const format: ChatCompletionCreateParamsBase['response_format'] =
        settings.outputMode === 'json_schema'
          ? zodResponseFormat(schema, 'brief_drafts')
          : settings.outputMode === 'json_object'
            ? { type: 'json_object' }
            : undefined;
      const { system, user } = renderBriefMessages(deps.prompts, notes, { kinds, bodyChars });
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ];
      const started = elapsed();
      let tokens: TokenUsage | null = null;
      let model = settings.model;
      const detail = (attempts: number, status?: number) => ({
        attempts,
        status,
        promptVersion: deps.prompts.version,
        model,
        ms: Math.round(elapsed() - started),
      });
      const progress = (p: DraftProgress) => {
        try {
          options.onProgress?.(p);
        } catch {
          // A progress listener's failure must not lose the draft.
        }
      };
      for (let attempt = 1; attempt <= 2; attempt++) {
        progress({ phase: attempt === 1 ? 'started' : 'retrying', chars: 0, items: 0, attempt });
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), settings.timeoutMs);
        const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
        let result: Attempt;
        try {
          const items = itemCounter();
          const report = options.onProgress ? (chars: number, text: string) => progress({ phase: 'writing', chars, items: items(text), attempt }) : () => {};
          result = await call(messages, format, signal, report);
          // The client's stream ends quietly when aborted: a timeout mid-stream must not pass for an answer.
          if (signal.aborted) throw new Error('aborted mid-answer');
          if (streaming && !result.finishReason) throw new Error('the stream ended before the answer was finished');
        } catch (err) {
          if (options.signal?.aborted) return { ok: false, error: new DrafterError('aborted', 'cancelled by the caller', detail(attempt), { cause: err }) };
          if (timeout.signal.aborted || err instanceof OpenAI.APIConnectionTimeoutError)
            return { ok: false, error: new DrafterError('timeout', `no complete answer within ${settings.timeoutMs} ms`, detail(attempt), { cause: err }) };
          if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
            const code = err.status >= 500 ? 'server' : 'rejected';
            return {
              ok: false,
              error: new DrafterError(code, `HTTP ${err.status}: ${err.message.slice(0, 200)}`, detail(attempt, err.status), { cause: err }),
            };
          }
          return { ok: false, error: new DrafterError('unreachable', (err as Error).message?.slice(0, 200) ?? String(err), detail(attempt), { cause: err }) };
        } finally {
          clearTimeout(timer);
        }
        tokens = addUsage(tokens, result.usage);
        if (result.model) model = result.model;
        if (result.finishReason === 'length')
          return { ok: false, error: new DrafterError('length', 'the output was cut off (finish_reason length)', detail(attempt)) };
        try {
          const items = parse(result.content, schema);
          progress({ phase: 'done', chars: result.content.length, items: items.length, attempt });
          return {
            ok: true,
            items,
            meta: { label: 'model', promptVersion: deps.prompts.version, model, tokens, ms: Math.round(elapsed() - started), attempts: attempt },
          };
        } catch (err) {
          if (!(err instanceof InvalidOutput)) throw err;
          if (attempt === 2) return { ok: false, error: new DrafterError('invalid_output', err.message, detail(attempt), { cause: err }) };
          messages.push({ role: 'user', content: `上一次输出不符合要求（${err.message}）。请重新输出：只输出规定格式的 JSON，不要输出其他文字。` });
        }
      }
      throw new Error('unreachable');
    },
  };
}

/** The drafters for the composition root: the rules drafter always; the model drafter when LLM_BASE_URL is set. */
export function createDrafters(llm: LlmSettings | undefined, prompts: BriefPrompts = loadBriefPrompts()): { model?: Drafter; rules: Drafter } {
  return { rules: createRulesDrafter(), ...(llm ? { model: createOpenAiDrafter(llm, { prompts }) } : {}) };
}

function parse(content: string, schema: ReturnType<typeof briefOutputSchema>): ProposedItem[] {
  const json = extractJson(content);
  if (!json.trim()) throw new InvalidOutput('输出为空');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new InvalidOutput('输出不是合法的 JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidOutput(`字段 ${issue?.path.join('.') || '(根)'} 不符合格式：${issue?.message ?? ''}`.slice(0, 200));
  }
  return parsed.data.items.map((i) => ({
    title: i.title,
    body: i.body,
    kind: i.kind,
    sourceNoteIds: i.sourceNoteIds,
    facts: i.facts,
    riskyPhrases: i.riskyPhrases,
  }));
}
