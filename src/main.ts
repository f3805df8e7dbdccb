import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { localModeSettings, type LocalModeSettings } from './local/eligibility.js';
import { startLocalMode } from './local/local-mode.js';

async function main(): Promise<void> {
  let config;
  let local: LocalModeSettings | undefined;
  try {
    config = loadConfig(process.env);
    // Without a Lark app the bot runs in local mode (a page on 127.0.0.1 and a built-in fake Lark), but
    // only on a machine that is plainly not a deployment: otherwise this refuses, naming what to change.
    if (!config.lark.hasCredentials) local = localModeSettings(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const app = local ? await startLocalMode({ config, log, host: local.host }) : await startApp({ config, log });
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // A refusal found after the configuration was read (local mode on a database that is not the demo's).
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`三办助手启动失败 (start failed): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
