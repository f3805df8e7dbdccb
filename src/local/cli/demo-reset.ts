// npm run demo:reset — restores local mode's demo office: empties the database, seeds the demo
// directory and chat bindings again, and forgets the local chat history.
import { rmSync } from 'node:fs';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { resetDemo } from '../demo-reset.js';

const config = loadConfig(process.env);
if (config.lark.hasCredentials) {
  process.stderr.write('demo:reset 只用于本地体验模式：已配置飞书应用凭据（LARK_APP_ID），为防误删正式数据，已停止。\n');
  process.exit(2);
}
const db = await openDatabase(config.databaseUrl);
await migrate(db);
await resetDemo(db.prisma);
await db.close();
rmSync('data/local-lark.json', { force: true });
process.stdout.write('已恢复演示办公室：人员名册、群用途已重建，督办事项和聊天记录已清空。请重新运行 npm start。\n');
