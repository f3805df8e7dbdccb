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
