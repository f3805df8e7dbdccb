import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiDrafter } from '../../src/adapters/openai-drafter.js';
import type { LlmSettings } from '../../src/config.js';
import { loadBriefPrompts } from '../../src/features/briefs/drafting/index.js';
import { DrafterError, type DraftNote, type DraftProgress, type DrafterOutcome } from '../../src/ports/drafter.js';
import { echoDraft, startFakeOpenAi, type FakeOpenAiServer } from '../fakes/openai-server.js';

const prompts = loadBriefPrompts();
const notes: DraftNote[] = [
  { id: 'N1', unit: '县农业农村局', text: '11月28日，县农业农村局组织开展冬季农田水利建设，完成渠道清淤12.5公里。', sensitive: false },
  { id: 'N2', unit: '城关镇', text: '城关镇东关村探索“积分制”治理模式，全村186户参与。', kind: '典型经验', sensitive: false },
];

let fake: FakeOpenAiServer;
const settings = (over: Partial<LlmSettings> = {}): LlmSettings => ({
  baseUrl: fake.baseUrl,
  model: 'qwen2.5-7b-instruct',
  outputMode: 'json_schema',
  timeoutMs: 5000,
  ...over,
});
const failed = (o: DrafterOutcome): DrafterError => {
  if (o.ok) throw new Error('expected a failure');
  return o.error;
};
const valid = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    items: [
      {
        title: '县农业农村局开展冬季农田水利建设',
        body: '11月28日，县农业农村局组织开展冬季农田水利建设，完成渠道清淤12.5公里。',
        kind: '工作动态',
        sourceNoteIds: ['N1'],
        facts: ['12.5公里'],
        riskyPhrases: [],
        ...over,
      },
    ],
  });

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('the model drafter through the real openai client', () => {
  it('json_schema, streamed: sends the schema, reports progress, and returns the items with their meta', async () => {
    const progress: DraftProgress[] = [];
    fake.enqueue({ content: echoDraft, chunkSize: 8 });
    const outcome = await createOpenAiDrafter(settings({ apiKey: 'sk-office' }), { prompts }).draft(notes, { onProgress: (p) => progress.push(p) });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.items.map((i) => [i.kind, i.sourceNoteIds])).toEqual([
      ['工作动态', ['N1']],
      ['典型经验', ['N2']],
    ]);
    expect(outcome.meta).toMatchObject({ label: 'model', promptVersion: 'briefs/system@1+briefs/task@1', model: 'qwen2.5-7b-instruct', attempts: 1 });
    expect(outcome.meta.tokens?.total).toBeGreaterThan(0);
    const [req] = fake.requests;
    expect(req?.authorization).toBe('Bearer sk-office');
    expect(req?.body.stream).toBe(true);
    expect(req?.body.tools).toBeUndefined();
    expect(req?.body.response_format?.type).toBe('json_schema');
    expect(req?.body.response_format?.json_schema).toMatchObject({ name: 'brief_drafts', strict: true });
    const schema = JSON.stringify(req?.body.response_format?.json_schema?.schema);
    expect(schema).toContain('"additionalProperties":false');
    expect(schema).toContain('"enum":["领导思路","工作动态","典型经验","问题建议","急情要事","分析预测"]');
    expect(schema).toContain('"enum":["N1","N2"]');
    const writing = progress.filter((p) => p.phase === 'writing');
    expect(writing.length).toBeGreaterThan(5);
    expect(writing.map((p) => p.chars)).toEqual([...writing.map((p) => p.chars)].sort((a, b) => a - b));
    expect(writing.map((p) => p.items)).toEqual([...writing.map((p) => p.items)].sort((a, b) => a - b));
    expect(writing.at(-1)?.items).toBe(2);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', items: 2 });
  });

  it('plain (not streamed) answers parse the same way', async () => {
    fake.enqueue({ content: valid() });
    const outcome = await createOpenAiDrafter(settings(), { prompts, stream: false }).draft(notes);
    expect(outcome.ok && outcome.items[0]?.facts).toEqual(['12.5公里']);
    expect(fake.requests[0]?.body.stream).toBeFalsy();
  });

  it('json_object mode asks for a JSON object and the prompt says JSON and gives the shape', async () => {
    fake.enqueue({ content: valid() });
    const outcome = await createOpenAiDrafter(settings({ outputMode: 'json_object' }), { prompts }).draft(notes);
    expect(outcome.ok).toBe(true);
    expect(fake.requests[0]?.body.response_format).toEqual({ type: 'json_object' });
    expect(fake.requests[0]?.text).toMatch(/JSON/);
    expect(fake.requests[0]?.text).toContain('"sourceNoteIds"');
  });

  it('text mode sends no response_format and reads JSON out of a fenced, chatty answer', async () => {
    fake.enqueue({ content: `好的，以下是草稿：\n\`\`\`json\n${valid()}\n\`\`\`\n如需修改请告知。` });
    const outcome = await createOpenAiDrafter(settings({ outputMode: 'text' }), { prompts }).draft(notes);
    expect(outcome.ok).toBe(true);
    expect(fake.requests[0]?.body.response_format).toBeUndefined();
  });

  it('strips a <think> prefix (streamed and plain)', async () => {
    fake.enqueue({ content: valid(), think: '用户要求整理信息，我先想一想 {"items": []} 这样不对' }, { content: valid(), think: '思考' });
    expect((await createOpenAiDrafter(settings(), { prompts }).draft(notes)).ok).toBe(true);
    expect((await createOpenAiDrafter(settings(), { prompts, stream: false }).draft(notes)).ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });

  it('schema-breaking output is retried once, with the reason, and the second answer is used', async () => {
    fake.enqueue({ content: valid({ kind: '要闻' }) }, { content: valid() });
    const outcome = await createOpenAiDrafter(settings(), { prompts }).draft(notes);
    expect(outcome.ok && outcome.meta.attempts).toBe(2);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.body.messages.at(-1)?.content).toMatch(/上一次输出不符合要求.*kind/);
    expect(outcome.ok && outcome.meta.tokens?.prompt).toBeGreaterThan(fake.requests[0]!.text.length / 2);
  });

  it('an item citing a note it was not given breaks the schema', async () => {
    fake.enqueue({ content: valid({ sourceNoteIds: ['N9'] }) }, { content: valid({ sourceNoteIds: ['N9'] }) });
    const error = failed(await createOpenAiDrafter(settings(), { prompts }).draft(notes));
    expect(error.code).toBe('invalid_output');
    expect(error.detail.attempts).toBe(2);
  });

  it('unparseable output twice fails as invalid_output after exactly two calls', async () => {
    fake.enqueue({ content: '{"items": [{"title": "未完' }, { content: '抱歉，我无法完成。' });
    const error = failed(await createOpenAiDrafter(settings(), { prompts }).draft(notes));
    expect(error).toBeInstanceOf(DrafterError);
    expect(error.code).toBe('invalid_output');
    expect(error.userMessage).toBe('大模型输出格式不符合要求，来源信息未受影响。可改用规则生成的草稿。');
    expect(fake.requests).toHaveLength(2);
  });

  it('blank content (DeepSeek json_object may send it) counts as invalid output', async () => {
    fake.enqueue({ content: '' }, { content: '  ' });
    expect(failed(await createOpenAiDrafter(settings({ outputMode: 'json_object' }), { prompts }).draft(notes)).code).toBe('invalid_output');
  });

  it('a length cut-off is a typed error, not retried', async () => {
    fake.enqueue({ content: valid().slice(0, 60), finishReason: 'length' });
    const error = failed(await createOpenAiDrafter(settings(), { prompts }).draft(notes));
    expect(error.code).toBe('length');
    expect(fake.requests).toHaveLength(1);
  });

  it('a 500 is a server error, with the client retries off (one request)', async () => {
    fake.enqueue({ status: 500 });
    const error = failed(await createOpenAiDrafter(settings(), { prompts }).draft(notes));
    expect(error.code).toBe('server');
    expect(error.detail.status).toBe(500);
    expect(fake.requests).toHaveLength(1);
  });

  it('a 401 is a refusal', async () => {
    fake.enqueue({ status: 401 });
    expect(failed(await createOpenAiDrafter(settings(), { prompts, stream: false }).draft(notes)).code).toBe('rejected');
  });

  it('a hanging endpoint times out at LLM_TIMEOUT_MS (before headers, and mid-stream)', async () => {
    fake.enqueue({ hang: true }, { hang: 'after-first-chunk' });
    const t0 = performance.now();
    expect(failed(await createOpenAiDrafter(settings({ timeoutMs: 300 }), { prompts }).draft(notes)).code).toBe('timeout');
    expect(failed(await createOpenAiDrafter(settings({ timeoutMs: 300 }), { prompts }).draft(notes)).code).toBe('timeout');
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('a stream that stops before its finish_reason is not taken for an answer', async () => {
    fake.enqueue({ content: valid(), drop: true });
    const error = failed(await createOpenAiDrafter(settings(), { prompts }).draft(notes));
    expect(error.code).toBe('unreachable');
    expect(fake.requests).toHaveLength(1);
  });

  it('the caller can cancel', async () => {
    fake.enqueue({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(failed(await createOpenAiDrafter(settings(), { prompts }).draft(notes, { signal: controller.signal })).code).toBe('aborted');
  });

  it('an endpoint nobody listens on is unreachable', async () => {
    const drafter = createOpenAiDrafter(settings({ baseUrl: 'http://127.0.0.1:9/v1' }), { prompts });
    expect(failed(await drafter.draft(notes)).code).toBe('unreachable');
  });

  it('refuses a note flagged sensitive outright (defence in depth; nothing is sent)', async () => {
    const drafter = createOpenAiDrafter(settings(), { prompts });
    await expect(drafter.draft([{ ...notes[0]!, sensitive: true, sensitiveMark: '涉密' }])).rejects.toThrow(/内部\/涉密/);
    expect(fake.requests).toHaveLength(0);
  });

  it('usage absent (some engines) gives tokens null, not zeros', async () => {
    fake.enqueue({ content: valid(), noUsage: true });
    const outcome = await createOpenAiDrafter(settings(), { prompts }).draft(notes);
    expect(outcome.ok && outcome.meta.tokens).toBeNull();
  });
});
