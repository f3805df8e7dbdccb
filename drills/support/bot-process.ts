// The bot as its own OS process, as `npm start` runs it (configuration from the environment), for the
// crash drill: the parent kills it with SIGKILL and starts it again. Prints "ready <url>" once serving.
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

const config = loadConfig(process.env);
const log = createLogger(config.logLevel, process.stderr);
const lease = Number(process.env.OUTBOX_LEASE_MS);
const app = await startApp({ config, log, startTicks: false, ...(lease > 0 ? { outboxLeaseMs: lease } : {}) });
process.stdout.write(`ready ${app.url}\n`);
process.once('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
