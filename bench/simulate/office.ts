import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { demoChats, demoDocuments, demoPeople, openIdOf, seedDemoOffice } from '../../src/local/demo-office.js';
import { FakeLark, type FakeUser } from '../../src/local/lark/server.js';
import { FixedClock } from '../../test/fakes/clock.js';
import { memoryLogger } from '../../test/support/logger.js';
import { buttonLabels, buttonValue } from '../../test/support/cards.js';

type Json = Record<string, unknown>;

/**
 * The demo county office (src/local/demo-office.ts) as `npm start` builds it, on a fake Lark on loopback
 * and a clock the month moves by hand. People act only as Lark users do: they type to the bot and click
 * on the cards it sent them (signed events and card callbacks through the real SDK).
 */
export interface SimOffice {
  fake: FakeLark;
  app: RunningApp;
  clock: FixedClock;
  /** A demo person by key (demoPeople): head, deputy1, secretary1, liaison3, … */
  person(key: string): FakeUser;
  chat(name: string): string;
  dm(key: string): string;
  /** Types `text` (p2p unless `chatId` names a group, where the bot is @-mentioned). */
  say(key: string, text: string, chatId?: string): Promise<void>;
  /** The newest card in `chatId` with a button labelled `label` (undefined when none). */
  cardWith(chatId: string, label: string, has?: string): { messageId: string; card: Json } | undefined;
  /** Clicks `label` on the newest card in `chatId` that has it (and, given `has`, shows that text). */
  click(key: string, chatId: string, label: string, o?: { has?: string; formValue?: Json; messageId?: string }): Promise<ClickResult>;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface ClickResult {
  ok: boolean;
  toast?: { type?: string; content?: string };
}

/**
 * The demo directory has the county head and three deputies; a county government has about eight
 * leaders, so the month adds four more deputies in charge of the towns (as 人员 导入 would), kept by 韩秘书.
 */
const EXTRA_LEADERS = [
  { key: 'deputy4', name: '孙副县长', towns: ['城关镇', '东坝镇'] },
  { key: 'deputy5', name: '李副县长', towns: ['西河镇', '南山镇'] },
  { key: 'deputy6', name: '钱副县长', towns: ['河口街道'] },
  { key: 'deputy7', name: '何副县长', towns: ['新城街道'] },
];

async function addLeaders(app: RunningApp): Promise<void> {
  const prisma = app.db.prisma;
  const government = await prisma.unit.findUniqueOrThrow({ where: { name: '县政府' } });
  const secretary = await prisma.person.findUniqueOrThrow({ where: { openId: openIdOf('secretary2') } });
  for (const l of EXTRA_LEADERS) {
    const towns = await prisma.unit.findMany({ where: { name: { in: l.towns } } });
    const p = await prisma.person.create({
      data: {
        openId: openIdOf(l.key),
        name: l.name,
        unitId: government.id,
        title: '副县长',
        roles: { create: towns.map((t) => ({ role: 'leader', scope: `unit:${t.id}` })) },
      },
    });
    await prisma.roleGrant.create({ data: { personId: secretary.id, role: 'secretary', scope: `person:${p.id}` } });
  }
  // The demo directory names no leader in charge of 信息科, so 《政务信息》 has no 签发人 (信息 编期 refuses to
  // send it for signing): the 常务副县长 is given it, as the refusal asks an admin to do.
  // Likewise no leader in charge of 秘书科, so a 讲话稿 or 请示报告 has nobody for 领导审定 and is refused at 提交.
  const deputy = await prisma.person.findUniqueOrThrow({ where: { openId: openIdOf('deputy1') } });
  for (const name of ['信息科', '秘书科']) {
    const unit = await prisma.unit.findUniqueOrThrow({ where: { name } });
    await prisma.roleGrant.create({ data: { personId: deputy.id, role: 'leader', scope: `unit:${unit.id}` } });
  }
}

export async function startSimOffice(o: { start: string; databaseUrl?: string }): Promise<SimOffice> {
  const clock = new FixedClock(o.start);
  const fake = await new FakeLark({
    encryptKey: 'sim-encrypt-key',
    verificationToken: 'sim-verification-token',
    botOpenId: 'ou_demo_bot',
    displayNow: () => clock.now().getTime(),
  }).start();
  const dir = o.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'sanban-sim-'));
  const databaseUrl = o.databaseUrl ?? `file:${join(dir!, 'sim.db')}`;
  const { log } = memoryLogger('warn');
  const config = loadConfig({
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: fake.appSecret,
    LARK_ENCRYPT_KEY: fake.encryptKey!,
    LARK_VERIFICATION_TOKEN: fake.verificationToken!,
    LARK_DOMAIN: fake.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
  });
  const app = await startApp({ config, log, clock, startTicks: false });
  fake.botUrl = app.url;
  await seedDemoOffice(app.db.prisma);
  // The demo's sample fortnight of entries and topics starts on the real today: the month keeps its own.
  await app.db.prisma.scheduleEntry.deleteMany({});
  await addLeaders(app);
  const people = new Map<string, FakeUser>();
  for (const p of demoPeople()) people.set(p.key, fake.addUser(p.name, { openId: openIdOf(p.key) }));
  for (const l of EXTRA_LEADERS) people.set(l.key, fake.addUser(l.name, { openId: openIdOf(l.key) }));
  const chats = new Map<string, string>();
  for (const c of demoChats()) {
    const extra = c.members.includes('deputy1') ? EXTRA_LEADERS.map((l) => l.key) : [];
    fake.chats.set(c.chatId, { name: c.name, members: new Set([...c.members, ...extra].map(openIdOf)) });
    chats.set(c.name, c.chatId);
  }
  for (const d of demoDocuments()) fake.addDocument({ token: d.token, title: d.title, text: d.text, owner: people.get(d.owner) });

  const person = (key: string) => {
    const p = people.get(key);
    if (!p) throw new Error(`no demo person ${key}`);
    return p;
  };
  const dm = (key: string) => fake.p2pChatId(person(key).openId);
  const settle = () => app.settle();
  const cardWith = (chatId: string, label: string, has?: string) =>
    [...fake.cardsIn(chatId)].reverse().find((c) => buttonLabels(c.card).includes(label) && (!has || JSON.stringify(c.card).includes(has)));

  return {
    fake,
    app,
    clock,
    person,
    chat(name) {
      const id = chats.get(name);
      if (!id) throw new Error(`no demo chat ${name}`);
      return id;
    },
    dm,
    async say(key, text, chatId) {
      const p2p = !chatId || chatId === dm(key);
      await fake.userSays({ chatId: chatId ?? dm(key), from: person(key), text: p2p ? text : `@三办助手 ${text}`, p2p });
      await settle();
    },
    cardWith,
    async click(key, chatId, label, c = {}) {
      const target = c.messageId
        ? { messageId: c.messageId, card: JSON.parse(fake.messages.get(c.messageId)!.content) as Json }
        : cardWith(chatId, label, c.has);
      if (!target || !buttonLabels(target.card).includes(label)) return { ok: false };
      const r = await fake.click({
        messageId: target.messageId,
        by: person(key),
        value: buttonValue(target.card, label),
        ...(c.formValue ? { formValue: c.formValue, name: 'submit' } : {}),
      });
      await settle();
      const toast = (r.body as { toast?: ClickResult['toast'] } | undefined)?.toast;
      return { ok: r.status === 200 && toast?.type !== 'error' && toast?.type !== 'warning', ...(toast ? { toast } : {}) };
    },
    settle,
    async stop() {
      await app.stop();
      await fake.stop();
      // SIM_KEEP=1 keeps the database to look into after a failed check.
      if (dir && !process.env.SIM_KEEP) rmSync(dir, { recursive: true, force: true });
      if (dir && process.env.SIM_KEEP) process.stdout.write(`database kept: ${databaseUrl}\n`);
    },
  };
}
