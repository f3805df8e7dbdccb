import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake OpenAI-compatible endpoint on loopback (`POST /v1/chat/completions`), for driving the real `openai`
 * client: plain and streaming (SSE) answers, a <think> prefix, schema-breaking output, a length cut-off, 5xx,
 * a hanging response. It records every request, so a test can prove what did (and did not) reach the model.
 *
 * Replies are queued (`enqueue`), else produced by `respond` (default: a valid draft of every note it was sent).
 */
export interface FakeReply {
  /** The answer's content (or a function of the request). */
  content?: string | ((request: RecordedRequest) => string);
  /** Prepended as <think>…</think> (a reasoning model without a reasoning parser). */
  think?: string;
  /** Default 'stop'. */
  finishReason?: 'stop' | 'length';
  /** Answer with this HTTP status and an error body instead. */
  status?: number;
  /** Never answer (or, streaming, send the first chunk and then stall). */
  hang?: boolean | 'after-first-chunk';
  /** Streaming: send the first chunk, then close the connection cleanly without finish_reason or [DONE]. */
  drop?: boolean;
  /** Characters per SSE chunk (default 16). */
  chunkSize?: number;
  /** Omit usage (as some Xinference engines do). */
  noUsage?: boolean;
  /** Delay before answering, ms. */
  delayMs?: number;
  /** Streaming: pause between chunks, ms (a model writing slowly, so progress is seen mid-stream). */
  chunkDelayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body: ChatBody;
  /** The concatenated text of all messages (for "did this note reach the model?" checks). */
  text: string;
}

export interface ChatBody {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  tools?: unknown;
  [key: string]: unknown;
}

export interface FakeOpenAiServer {
  /** The baseURL for the client: http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  requests: RecordedRequest[];
  enqueue(...replies: FakeReply[]): void;
  /** The reply when the queue is empty. */
  respond: (request: RecordedRequest) => FakeReply;
  close(): Promise<void>;
}

/** Notes the request carried (the task prompt's <notes> JSON block). */
export function notesOf(request: RecordedRequest): { id: string; unit: string; text: string; kind?: string }[] {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  const m = /<notes>\s*([\s\S]*?)\s*<\/notes>/.exec(user);
  return m?.[1] ? (JSON.parse(m[1]) as { id: string; unit: string; text: string; kind?: string }[]) : [];
}

/** The kinds the request's json_schema allows (or the six defaults). */
function kindsOf(request: RecordedRequest): string[] {
  const schema = JSON.stringify(request.body.response_format?.json_schema?.schema ?? {});
  const m = /"kind":\{[^}]*"enum":(\[[^\]]*\])/.exec(schema);
  return m?.[1] ? (JSON.parse(m[1]) as string[]) : ['领导思路', '工作动态', '典型经验', '问题建议', '急情要事', '分析预测'];
}

/** A valid draft: one item per note, its text as the body (what a faithful model would write, minus style). */
export function echoDraft(request: RecordedRequest): string {
  const kinds = kindsOf(request);
  const items = notesOf(request).map((n) => ({
    title: `${n.unit}${n.text.replace(/[，。].*$/s, '')}`.slice(0, 30).padEnd(4, '。'),
    body: n.text.padEnd(20, '。'),
    kind: n.kind && kinds.includes(n.kind) ? n.kind : kinds.includes('工作动态') ? '工作动态' : kinds[0],
    sourceNoteIds: [n.id],
    facts: [],
    riskyPhrases: [],
  }));
  return JSON.stringify({ items });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeOpenAi(): Promise<FakeOpenAiServer> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  let counter = 0;
  const fake: FakeOpenAiServer = {
    baseUrl: '',
    requests,
    enqueue: (...replies) => queue.push(...replies),
    respond: () => ({ content: echoDraft }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const body = JSON.parse(raw) as ChatBody;
    const request: RecordedRequest = {
      method: req.method,
      path: req.url,
      authorization: req.headers.authorization,
      body,
      text: body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n'),
    };
    requests.push(request);
    const reply = queue.shift() ?? fake.respond(request);
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.hang === true) return; // never answers; close() drops the socket
    if (reply.status) {
      res
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: `fake error ${reply.status}`, type: 'server_error' } }));
      return;
    }
    const answer = typeof reply.content === 'function' ? reply.content(request) : (reply.content ?? echoDraft(request));
    const content = reply.think ? `<think>${reply.think}</think>\n${answer}` : answer;
    const finish = reply.finishReason ?? 'stop';
    const id = `chatcmpl-fake-${++counter}`;
    const created = 1764547200;
    const promptTokens = Math.ceil(request.text.length / 2);
    const completionTokens = Math.ceil(content.length / 2);
    const usage = reply.noUsage
      ? undefined
      : { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish, logprobs: null }],
          ...(usage ? { usage } : {}),
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
      send({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] });
    chunk({ role: 'assistant', content: '' }, null);
    const size = reply.chunkSize ?? 16;
    for (let i = 0; i < content.length; i += size) {
      if (i > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      chunk({ content: content.slice(i, i + size) }, null);
      if (reply.hang === 'after-first-chunk') return;
      if (reply.drop) {
        res.end();
        return;
      }
    }
    chunk({}, finish);
    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
    if (usage && includeUsage) send({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage });
    res.end('data: [DONE]\n\n');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
