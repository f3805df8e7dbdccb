import type Router from '@koa/router';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { RunningApp } from '../app.js';
import { ROLE_NAMES, type Role } from '../features/org/roles.js';
import { PURPOSE_NAMES, type Purpose } from '../features/org/purposes.js';
import { describeAudit } from '../platform/objects.js';
import { jobLabel, officeTime, OUTCOME_WORDS } from '../features/admin/job-words.js';
import { suggestedCommands } from '../features/help/suggestions.js';
import { atBeijing, beijingDate, formatBeijing } from '../platform/time.js';
import type { FakeLark } from './lark/server.js';
import { registerDocumentApi } from './api-documents.js';
import { botMessage, clockView, personMessage } from './api-views.js';
import { registerEventStream } from './api-stream.js';
import type { MovableClock } from './movable-clock.js';
import type { PageGuard } from './page-guard.js';

/** The page's API (src/local/API.md): what people see and do in local mode, over the same paths as Lark. */
export interface LocalContext {
  fake: FakeLark;
  clock: MovableClock;
  app: () => RunningApp;
  /** Host/Origin checks on every route; session token, JSON and the size cap on every POST. */
  guard: PageGuard;
}

const WEB_ROOT = new URL('./web/', import.meta.url).pathname;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** What local mode's stop needs from the page's API. */
export interface LocalApi {
  /** Ends every open event stream and refuses new ones: an open stream would hold the server open for good. */
  closeStreams(): void;
}

export function registerLocalApi(router: Router, ctx: LocalContext): LocalApi {
  const { fake, guard } = ctx;
  const { read, write } = guard;
  const json = (body: unknown) => body;

  router.get('/', read, async (k) => {
    k.type = 'text/html; charset=utf-8';
    // The session token lives only in the page: a cross-origin page cannot read it, and a rebinding one
    // never gets the page (read checks Host first). Not cached, so a restart's new token is picked up.
    k.set('Cache-Control', 'no-store');
    k.body = (await readFile(join(WEB_ROOT, 'index.html'), 'utf8')).replace('{{SESSION_TOKEN}}', guard.token);
  });
  router.get('/local/static/:file', read, async (k) => {
    const path = normalize(join(WEB_ROOT, k.params.file ?? ''));
    if (!path.startsWith(WEB_ROOT) || !TYPES[extname(path)]) return;
    k.type = TYPES[extname(path)]!;
    k.body = await readFile(path).catch(() => undefined);
    if (!k.body) k.status = 404;
  });

  router.get('/local/api/state', read, async (k) => {
    const prisma = ctx.app().db.prisma;
    const people = await prisma.person.findMany({
      where: { openId: { not: null }, active: true },
      include: { unit: true, roles: true },
      orderBy: { createdAt: 'asc' },
    });
    const bindings = await prisma.chatBinding.findMany();
    const groups = [...fake.chats.entries()].filter(([id]) => !id.startsWith('oc_p2p_'));
    k.body = json({
      bot: { name: '三办助手', openId: fake.botOpenId },
      // The composer's suggestions, from the command registry (so the page never suggests a refused command).
      examples: suggestedCommands(ctx.app().router.commands()),
      clock: clockView(ctx),
      people: people.map((p) => ({
        openId: p.openId,
        name: p.name,
        unit: p.unit?.name ?? '',
        title: p.title,
        roles: [...new Set(p.roles.map((r) => ROLE_NAMES[r.role as Role] ?? r.role))],
      })),
      chats: [
        ...groups.map(([chatId, c]) => ({
          chatId,
          name: c.name,
          kind: 'group',
          members: [...c.members],
          purposes: bindings.filter((b) => b.chatId === chatId).map((b) => PURPOSE_NAMES[b.purpose as Purpose] ?? b.purpose),
        })),
        ...people.map((p) => ({
          chatId: fake.p2pChatId(p.openId!),
          name: '与三办助手的私聊',
          kind: 'p2p',
          members: [p.openId],
          purposes: [],
          p2pWith: p.openId,
        })),
      ],
    });
  });

  router.get('/local/api/messages', read, (k) => {
    const chatId = String(k.query.chatId ?? '');
    const bot = fake.messagesIn(chatId).map((m) => botMessage(fake, m));
    const people = [...fake.inboundMessages.values()].filter((r) => r.chatId === chatId && r.from).map((r) => personMessage(fake, r));
    k.body = json({ messages: [...bot, ...people].sort((a, b) => a.at.localeCompare(b.at)) });
  });

  // Set by `write`, which has checked the request and read the body within its cap.
  const body = (k: { state: { body?: Record<string, unknown> } }) => k.state.body ?? {};
  const person = (openId: unknown) => fake.users.get(String(openId ?? ''));

  router.post('/local/api/say', write, async (k) => {
    const b = body(k);
    const from = person(b.from);
    const chatId = String(b.chatId ?? '');
    // Passed on whole (up to a sanity cap): the router refuses an over-long command with one message rather than half-reading it.
    const text = String(b.text ?? '').slice(0, 30_000);
    if (!from || !chatId || !text.trim()) {
      k.status = 400;
      k.body = { error: '请选择身份和会话，并输入内容。' };
      return;
    }
    const messageId = `om_local_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const r = await fake.userSays({ chatId, from, text, p2p: chatId.startsWith('oc_p2p_'), messageId });
    k.body = { status: r.status, messageId };
  });

  router.post('/local/api/click', write, async (k) => {
    const b = body(k);
    const by = person(b.by);
    const messageId = String(b.messageId ?? '');
    if (!by || !fake.messages.has(messageId)) {
      k.status = 400;
      k.body = { error: '找不到该卡片或身份。' };
      return;
    }
    const before = fake.messages.get(messageId)!.content;
    const r = await fake.click({
      messageId,
      by,
      value: (b.value ?? {}) as Record<string, unknown>,
      ...(b.formValue ? { formValue: b.formValue as Record<string, unknown> } : {}),
      ...(b.name ? { name: String(b.name) } : {}),
    });
    const toast = (r.body as { toast?: unknown } | undefined)?.toast;
    k.body = { status: r.status, ...(toast ? { toast } : {}), cardUpdated: fake.messages.get(messageId)!.content !== before };
  });

  router.post('/local/api/time', write, async (k) => {
    const b = body(k);
    const app = ctx.app();
    const from = ctx.clock.now();
    let to: Date;
    if (b.to === 'next-morning') {
      to = atBeijing(app.calendar.current().nextWorkingDay(beijingDate(from)), '09:30');
    } else if (b.hours !== undefined) {
      // By the hour: the day's 16:00 nudge and 17:30 close, or an urgent matter's 2 h and 3 h, one at a time.
      const hours = Number(b.hours);
      if (!(Number.isInteger(hours) && hours >= 1 && hours <= 72)) {
        k.status = 400;
        k.body = { error: '小时数须为 1 到 72 之间的整数。' };
        return;
      }
      to = new Date(from.getTime() + hours * 3_600_000);
    } else {
      const days = Math.floor(Number(b.days));
      if (!(days >= 1 && days <= 31)) {
        k.status = 400;
        k.body = { error: '天数须为 1 到 31 之间的整数。' };
        return;
      }
      to = new Date(from.getTime() + days * 86_400_000);
    }
    const ran = await app.scheduler.runBetween(from, to, (at) => ctx.clock.moveTo(at));
    await app.settle();
    fake.events.emit('clock');
    // In words only (the page shows them as they are): the job's Chinese name, the office's time, the outcome.
    const label = (name: string) => {
      const spec = app.scheduler.job(name);
      return spec ? jobLabel(spec) : '定时任务';
    };
    k.body = { clock: clockView(ctx), ran: ran.map((r) => ({ job: label(r.job), at: officeTime(r.at), outcome: OUTCOME_WORDS[r.outcome] })) };
  });

  router.get('/local/api/audit', read, async (k) => {
    const prisma = ctx.app().db.prisma;
    const objectId = typeof k.query.objectId === 'string' && k.query.objectId ? k.query.objectId : undefined;
    const rows = await prisma.auditEntry.findMany({ where: objectId ? { objectId } : {}, orderBy: { at: 'desc' }, take: 100 });
    const names = new Map((await prisma.person.findMany({ where: { openId: { in: [...new Set(rows.map((r) => r.actor))] } } })).map((p) => [p.openId, p.name]));
    k.body = {
      entries: rows
        .map((r) => ({
          at: formatBeijing(r.at),
          actor: r.actor,
          actorName: names.get(r.actor) ?? (r.actor.startsWith('system') ? '系统' : ''),
          objectType: r.objectType,
          objectId: r.objectId,
          action: r.action,
          before: r.before ? (JSON.parse(r.before) as unknown) : null,
          after: r.after ? (JSON.parse(r.after) as unknown) : null,
        }))
        .map((e) => {
          // The page shows the registry's words (platform/objects.ts), never the codes themselves.
          const words = describeAudit(e);
          return { ...e, objectLabel: words.object, actionLabel: words.action, detail: words.detail };
        }),
    };
  });

  registerDocumentApi(router, { fake, guard });

  router.get('/local/api/files/:key', read, (k) => {
    const upload = fake.uploads.get(k.params.key ?? '');
    if (!upload) {
      k.status = 404;
      k.body = { error: '文件不存在（本地模式重启后，之前的文件不再保留）。' };
      return;
    }
    k.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(upload.name)}`);
    k.type = 'application/octet-stream';
    k.body = upload.bytes;
  });

  return registerEventStream(router, ctx);
}
