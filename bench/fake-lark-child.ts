import { FakeLark, type FakeLarkOptions, type FakeUser } from '../src/local/lark/server.js';

/**
 * The fake Lark Open API in a process of its own (forked by remote-fake.ts), as Lark is to a deployed
 * bot: another machine. In the bot's process it would charge the bot's event loop with Lark's side of
 * every reply (parsing, card validation, storing), which is not the bot's cost.
 */
let fake: FakeLark | undefined;

type Request =
  | { id: number; op: 'start'; options: FakeLarkOptions }
  | { id: number; op: 'addUser'; name: string; openId?: string }
  | { id: number; op: 'addChat'; name: string; members: string[]; chatId?: string }
  | { id: number; op: 'userSays'; chatId: string; from: string; text: string }
  | { id: number; op: 'rememberInbound'; entries: [messageId: string, chatId: string][] }
  | { id: number; op: 'setBotUrl'; url: string }
  | { id: number; op: 'stop' };

async function handle(r: Request): Promise<unknown> {
  if (r.op === 'start') {
    fake = await new FakeLark(r.options).start();
    return {
      appId: fake.appId,
      appSecret: fake.appSecret,
      encryptKey: fake.encryptKey,
      verificationToken: fake.verificationToken,
      url: fake.url,
      botOpenId: fake.botOpenId,
      envelope: fake.envelope,
    };
  }
  const f = fake!;
  switch (r.op) {
    case 'addUser':
      return f.addUser(r.name, r.openId ? { openId: r.openId } : {});
    case 'addChat':
      return f.addChat(
        r.name,
        r.members.map((openId) => f.users.get(openId) ?? ({ openId, name: openId } as FakeUser)),
        r.chatId,
      );
    case 'userSays':
      return f.userSays({ chatId: r.chatId, from: f.users.get(r.from)!, text: r.text });
    case 'rememberInbound':
      for (const [messageId, chatId] of r.entries) f.rememberInbound(messageId, chatId);
      // The bench only counts what the bot sent: old records are dropped so this process stays small.
      f.calls.length = 0;
      f.deliveries.length = 0;
      return null;
    case 'setBotUrl':
      f.botUrl = r.url;
      return null;
    case 'stop':
      await f.stop();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (r: Request) => {
  handle(r).then(
    (value) => process.send!({ id: r.id, value }),
    (err: unknown) => process.send!({ id: r.id, error: String(err) }),
  );
});
