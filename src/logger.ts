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
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { app: 'sanban' }, redact: { paths: REDACT, censor: '[redacted]' } },
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
