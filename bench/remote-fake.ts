import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EnvelopeContext } from '../src/local/lark/events.js';
import type { FakeLarkOptions, FakeUser } from '../src/local/lark/server.js';

/** What the ingress bench needs of the fake Lark; `RemoteFakeLark` runs it in a child process (fake-lark-child.ts). */
export interface BenchLark {
  readonly appId: string;
  readonly appSecret: string;
  readonly encryptKey: string;
  readonly verificationToken?: string;
  readonly url: string;
  readonly botOpenId: string;
  readonly envelope: EnvelopeContext;
  addUser(name: string, openId?: string): Promise<FakeUser>;
  addChat(name: string, members: FakeUser[], chatId?: string): Promise<string>;
  userSays(o: { chatId: string; from: FakeUser; text: string }): Promise<unknown>;
  /** Queued here, sent by `flush` (the bot's replies to these messages must find their chat). */
  rememberInbound(messageId: string, chatId: string): void;
  flush(): Promise<void>;
  setBotUrl(url: string): Promise<void>;
  stop(): Promise<void>;
}

export class RemoteFakeLark implements BenchLark {
  private child!: ChildProcess;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private remembered: [string, string][] = [];
  private info!: {
    appId: string;
    appSecret: string;
    encryptKey: string;
    verificationToken?: string;
    url: string;
    botOpenId: string;
    envelope: EnvelopeContext;
  };

  static async start(options: FakeLarkOptions): Promise<RemoteFakeLark> {
    const remote = new RemoteFakeLark();
    remote.child = fork(fileURLToPath(new URL('./fake-lark-child.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    remote.child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const p = remote.pending.get(m.id);
      remote.pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.value);
    });
    remote.child.once('exit', (code) => {
      for (const p of remote.pending.values()) p.reject(new Error(`fake Lark exited (${code})`));
    });
    remote.info = (await remote.call({ op: 'start', options })) as RemoteFakeLark['info'];
    return remote;
  }

  private call(r: Record<string, unknown>): Promise<unknown> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...r, id });
    });
  }

  get appId() {
    return this.info.appId;
  }
  get appSecret() {
    return this.info.appSecret;
  }
  get encryptKey() {
    return this.info.encryptKey;
  }
  get verificationToken() {
    return this.info.verificationToken;
  }
  get url() {
    return this.info.url;
  }
  get botOpenId() {
    return this.info.botOpenId;
  }
  get envelope() {
    return this.info.envelope;
  }

  async addUser(name: string, openId?: string): Promise<FakeUser> {
    return (await this.call({ op: 'addUser', name, ...(openId ? { openId } : {}) })) as FakeUser;
  }

  async addChat(name: string, members: FakeUser[], chatId?: string): Promise<string> {
    return (await this.call({ op: 'addChat', name, members: members.map((m) => m.openId), ...(chatId ? { chatId } : {}) })) as string;
  }

  userSays(o: { chatId: string; from: FakeUser; text: string }): Promise<unknown> {
    return this.call({ op: 'userSays', chatId: o.chatId, from: o.from.openId, text: o.text });
  }

  rememberInbound(messageId: string, chatId: string): void {
    this.remembered.push([messageId, chatId]);
  }

  async flush(): Promise<void> {
    const entries = this.remembered;
    this.remembered = [];
    await this.call({ op: 'rememberInbound', entries });
  }

  async setBotUrl(url: string): Promise<void> {
    await this.call({ op: 'setBotUrl', url });
  }

  async stop(): Promise<void> {
    await this.call({ op: 'stop' }).catch(() => undefined);
  }
}
