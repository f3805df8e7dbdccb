import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Secrets never reach the log: these paths are redacted wherever they appear. */
const REDACT = [
  'appSecret',
  'app_secret',
  'encryptKey',
  'encrypt_key',
  'verificationToken',
  'tenant_access_token',
  'authorization',
  'headers.authorization',
  '*.appSecret',
  '*.app_secret',
  '*.encryptKey',
  '*.verificationToken',
  '*.authorization',
  '*.tenant_access_token',
  // LLM_API_KEY (config.llm.apiKey) and the openai client's own field.
  'apiKey',
  '*.apiKey',
  'llm.apiKey',
  '*.llm.apiKey',
];

/** Names of secret fields, as a key in JSON (plain or escaped any number of times) or in a form/query. */
const SECRET_KEYS =
  'app_secret|appSecret|AppSecret|app_access_token|tenant_access_token|user_access_token|access_token|refresh_token|encrypt_key|encryptKey|verification_token|verificationToken|client_assertion|apiKey|api_key';
const SECRET_PATTERNS: [RegExp, string][] = [
  [/Bearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]'],
  // "app_secret":"…", \"app_secret\":\"…\" (a JSON body inside a JSON string), and deeper escapes.
  [new RegExp(`(\\\\*")(${SECRET_KEYS})(\\\\*")\\s*:\\s*(\\\\*")[^"\\\\]*`, 'g'), '$1$2$3:$4[redacted]'],
  [new RegExp(`\\b(${SECRET_KEYS})=[^&\\s"\\\\]*`, 'g'), '$1=[redacted]'],
];
const MAYBE_SECRET = /secret|token|bearer|encrypt|assertion/i;

/** Text with secrets replaced: the known field forms above, and any of `secrets` (values) anywhere. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const value of secrets) if (value && value.length >= 4) out = out.split(value).join('[redacted]');
  if (!MAYBE_SECRET.test(out)) return out;
  for (const [re, replacement] of SECRET_PATTERNS) out = out.replace(re, replacement);
  return out;
}

/**
 * Errors as logged: pino's serializer keeps an error's enumerable fields, and an HTTP client's error carries
 * its request (`config.data`: a token request's app_secret, a message's text) and headers. Those go; the
 * method, path and status stay.
 */
function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!out || typeof out !== 'object') return out;
  const e = err as { config?: { method?: unknown; url?: unknown }; response?: { status?: unknown } };
  stripRequests(out, 0);
  if (e?.config && typeof e.config === 'object') {
    if (typeof e.config.method === 'string') out.method = e.config.method.toUpperCase();
    if (typeof e.config.url === 'string') out.path = e.config.url.replace(/[?#].*$/, '').replace(/^https?:\/\/[^/]+/, '');
  }
  if (typeof e?.response?.status === 'number') out.status = e.response.status;
  if (typeof out.message === 'string') out.message = scrubSecrets(out.message);
  if (typeof out.stack === 'string') out.stack = scrubSecrets(out.stack);
  return out;
}

/** An HTTP error may sit inside another error (a cause, a wrapped field): its request goes at any depth. */
function stripRequests(obj: Record<string, unknown>, depth: number): void {
  for (const key of ['config', 'request', 'response']) delete obj[key];
  if (depth >= 4) return;
  for (const value of Object.values(obj)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) stripRequests(value as Record<string, unknown>, depth + 1);
  }
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'sanban' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        // A message string naming a secret field (e.g. a library's formatted error) is scrubbed too.
        logMethod(args, method) {
          for (let i = 0; i < args.length; i++) if (typeof args[i] === 'string') args[i] = scrubSecrets(args[i] as string);
          method.apply(this, args as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ sync: false }),
  );
}

/**
 * A child logger created on first use. Every event gets one with its ids, but most events log nothing:
 * with redaction on, pino serialises a child's bindings when it is created (several KB of garbage per
 * event at a few hundred events a second).
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  return new Proxy({} as Logger, {
    get(_target, prop) {
      child ??= parent.child(bindings);
      const value: unknown = Reflect.get(child, prop, child);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(child) : value;
    },
  });
}
