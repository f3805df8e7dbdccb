// npm run demo:reset — restores local mode's demo office: empties the database, seeds the demo
// directory and chat bindings again, and forgets the local chat history.
import { rmSync } from 'node:fs';
import { ConfigError, loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { LOCAL_STATE_PATH } from '../chat-history-file.js';
import { DEMO_RESET_REFUSED, resetDemo } from '../demo-reset.js';
import { localModeSettings } from '../eligibility.js';
import { clockPathFor } from '../movable-clock.js';

let config;
try {
  config = loadConfig(process.env);
  // It empties every table: only where `npm start` would run local mode (no Lark setting at all, the
  // local SQLite file), never on a database a deployment may use.
  localModeSettings(process.env, DEMO_RESET_REFUSED);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
const db = await openDatabase(config.databaseUrl);
try {
  await migrate(db);
  await resetDemo(db);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  // A SQLite file with data that the demo did not create: nothing was deleted.
  await db.close();
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
await db.close();
rmSync(LOCAL_STATE_PATH, { force: true });
rmSync(clockPathFor(LOCAL_STATE_PATH), { force: true });
process.stdout.write('已恢复演示办公室：人员名册、群用途已重建，督办事项和聊天记录已清空。请重新运行 npm start。\n');
