import type { Messenger } from '../ports/messenger.js';
import type { DocumentEdited } from '../ports/documents.js';
import { normaliseCommandName } from './commands.js';
import type { ActionContext, ActionResponse, CommandContext } from './context.js';
import { cardActionKeys, eventKey, messageKey } from './dedup.js';
import type { InboundCardAction, InboundMessage, Mention } from './events.js';
import type { OutboxItem } from '../ports/outbox.js';
import { BackgroundQueue } from './background.js';
import { emptyRegistry } from './registry.js';
import { dispatchMessage } from './message-dispatch.js';
import { dispatchAction } from './action-dispatch.js';
import { AckedWork, withinDeadline, type ActionOutcome } from './acked-work.js';
import { sendDirect } from './direct-delivery.js';
import type { ActionHandler, CommandHandler, CommandSpec, FileSpec, JobSpec, Middleware, RegisteredCommand, RouterDeps } from './types.js';

export type { ActionHandler, CommandHandler, CommandSpec, FileSpec, JobSpec, Middleware, RouterDeps } from './types.js';

export { UNKNOWN_ACTION_TOAST } from './action-dispatch.js';

/**
 * The listener registry (bolt-style): features register commands, card actions and jobs; transports hand
 * it internal events. It drops duplicates, acks fast, and turns every thrown error into one user reply.
 */
export class Router {
  private readonly r = emptyRegistry();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly background = new BackgroundQueue();
  private botOpenId?: string;
  private readonly botAddedListeners: ((chatId: string) => Promise<void>)[] = [];
  private readonly documentEditedListeners: ((event: DocumentEdited) => Promise<void>)[] = [];
  private readonly acked: AckedWork;

  constructor(private readonly deps: RouterDeps) {
    this.acked = new AckedWork(deps, (p) => this.track(p));
  }

  get messenger(): Messenger {
    return this.deps.messenger;
  }

  // ---- registration -------------------------------------------------------

  command(spec: CommandSpec, ...chain: [...Middleware<CommandContext>[], CommandHandler]): this {
    const handler = chain.pop() as CommandHandler;
    const registered: RegisteredCommand = { ...spec, middleware: chain as Middleware<CommandContext>[], handler };
    for (const name of spec.names) {
      const key = normaliseCommandName(name);
      if (this.r.commandsByName.has(key)) throw new Error(`command name registered twice: ${name}`);
      this.r.commandsByName.set(key, registered);
    }
    this.r.commandList.push(registered);
    return this;
  }

  action(key: string, ...chain: [...Middleware<ActionContext>[], ActionHandler]): this {
    if (this.r.actions.has(key)) throw new Error(`card action registered twice: ${key}`);
    const handler = chain.pop() as ActionHandler;
    this.r.actions.set(key, { key, middleware: chain as Middleware<ActionContext>[], handler });
    return this;
  }

  job(spec: JobSpec): this {
    if (this.r.jobList.some((j) => j.name === spec.name)) throw new Error(`job registered twice: ${spec.name}`);
    this.r.jobList.push(spec);
    return this;
  }

  /**
   * A handler for files sent to the bot in a direct message (ctx.message.file). The first registered
   * handler that accepts the file gets it; global command middleware runs first. Other files, and
   * files in groups, get the usual "not supported" reply.
   */
  file(spec: FileSpec, ...chain: [...Middleware<CommandContext>[], CommandHandler]): this {
    const handler = chain.pop() as CommandHandler;
    this.r.fileHandlers.push({ ...spec, middleware: chain as Middleware<CommandContext>[], handler });
    return this;
  }

  useForCommands(mw: Middleware<CommandContext>): this {
    this.r.globalCommandMiddleware.push(mw);
    return this;
  }

  useForActions(mw: Middleware<ActionContext>): this {
    this.r.globalActionMiddleware.push(mw);
    return this;
  }

  /** What runs for a bare @-mention with no command (the help card, by default). */
  onEmptyMention(handler: CommandHandler): this {
    this.r.fallback = handler;
    return this;
  }

  /**
   * A reply (a message with a parent) that is no command: each handler in turn may take it (true) — e.g. an
   * answer to a question the bot asked on a card. Untaken replies go on as any other message.
   */
  onReply(handler: (ctx: CommandContext) => Promise<boolean>): this {
    this.r.replyHandlers.push(handler);
    return this;
  }

  /**
   * Pictures and files that no command carries: an image in a private chat, and an image or a file in a
   * group — where one cannot @ the bot, so Lark delivers it only when the app may read all group messages.
   * Each handler in turn may take it (true); a group's untaken media stays unanswered, as group chatter does.
   */
  onMedia(handler: (ctx: CommandContext) => Promise<boolean>): this {
    this.r.mediaHandlers.push(handler);
    return this;
  }

  /** Runs when the bot is added to a group (deduplicated by event id). */
  onBotAdded(listener: (chatId: string) => Promise<void>): this {
    this.botAddedListeners.push(listener);
    return this;
  }

  /** Runs when a subscribed Feishu document is edited (`drive.file.edit_v1`, deduplicated by event id). */
  onDocumentEdited(listener: (event: DocumentEdited) => Promise<void>): this {
    this.documentEditedListeners.push(listener);
    return this;
  }

  commands(): readonly CommandSpec[] {
    return this.r.commandList;
  }

  /** The registered card action keys (the bad-input drill clicks every one). */
  actionKeys(): string[] {
    return [...this.r.actions.keys()];
  }

  jobs(): readonly JobSpec[] {
    return this.r.jobList;
  }

  // ---- dispatch -----------------------------------------------------------

  /**
   * Records the message (throws if it cannot: the transport then answers non-200 so Lark re-delivers),
   * then processes it in the background so the event is acked well within 3 s.
   */
  async handleMessage(message: InboundMessage): Promise<'accepted' | 'duplicate'> {
    const receipt = messageKey(message);
    if (!(await this.deps.receipts.claim(receipt))) return 'duplicate';
    this.track(this.acked.message(message, receipt, () => this.background.run(() => this.processMessage(message))));
    return 'accepted';
  }

  async handleCardAction(action: InboundCardAction): Promise<ActionResponse> {
    const keys = cardActionKeys(action);
    const { receipts } = this.deps;
    // The delivery first: a replay of the same bytes must not renew the click's window.
    if ((keys.delivery && !(await receipts.claim(keys.delivery))) || !(await receipts.claim(keys.click, keys.clickWindowMs))) {
      return { toast: { type: 'info', content: '该操作已处理，无需重复点击。' } };
    }
    const deadline = this.deps.actionDeadlineMs ?? 2500;
    const work = this.acked.action(keys.click, Math.max(0, deadline - 500), () => this.processAction(action));
    this.track(work);
    const first = await withinDeadline(work, deadline);
    if (first !== 'late') return first.response;
    // Too slow for the callback: answer now, and patch the card (or tell the person) when done.
    this.track(work.then((outcome) => this.finishLate(action, outcome)));
    return { toast: { type: 'info', content: '已收到，正在处理…' } };
  }

  async handleBotAdded(event: { eventId: string; chatId: string }): Promise<'accepted' | 'duplicate'> {
    if (!(await this.deps.receipts.claim(eventKey(event.eventId)))) return 'duplicate';
    for (const listener of this.botAddedListeners) this.track(this.background.run(() => listener(event.chatId)));
    return 'accepted';
  }

  async handleDocumentEdited(event: DocumentEdited): Promise<'accepted' | 'duplicate'> {
    if (!(await this.deps.receipts.claim(eventKey(event.eventId)))) return 'duplicate';
    for (const listener of this.documentEditedListeners) this.track(this.background.run(() => listener(event)));
    return 'accepted';
  }

  /** Shutdown: retries stop waiting, and what they were for is reported as not processed. */
  close(): void {
    this.acked.close();
  }

  /** Work a feature starts outside a handler (after a commit): `idle()` and `busy()` count it, so tests and shutdown wait. */
  trackWork(work: Promise<unknown>): void {
    this.track(work);
  }

  /** Handling or background work still in hand. */
  busy = async (): Promise<boolean> => this.inFlight.size > 0;

  /** Resolves when all background work started so far has finished (tests; graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async runJob(name: string, firedAt: Date): Promise<void> {
    const job = this.r.jobList.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job: ${name}`);
    const log = this.deps.log.child({ job: name });
    await job.handler({ jobName: name, firedAt, clock: this.deps.clock, messenger: this.deps.messenger, log });
  }

  /** Deliver a message outside a command reply (welcome texts, notices): durably when an outbox is wired. */
  async deliver(item: OutboxItem): Promise<void> {
    if (this.deps.deliver) return this.deps.deliver(item);
    await sendDirect(this.deps.messenger, item);
  }

  // ---- internals ----------------------------------------------------------

  /**
   * Which mention is the bot. Without the bot's open_id (bot info unavailable), Lark only delivers group
   * messages that @ the bot under the default scope, so the first mention is taken to be the bot's.
   */
  private async botMatcher(message: InboundMessage): Promise<(m: Mention) => boolean> {
    this.botOpenId ??= await this.deps.messenger.getBotOpenId();
    const botId = this.botOpenId;
    const first = message.mentions.find((m) => m.key !== '@_all');
    return botId ? (m) => m.openId === botId : (m) => m === first;
  }

  private async processMessage(message: InboundMessage): Promise<void> {
    await dispatchMessage(this.r, this.deps, message, await this.botMatcher(message));
  }

  private async finishLate(action: InboundCardAction, outcome: ActionOutcome): Promise<void> {
    if (outcome.unprocessed) return this.acked.lateAction(action);
    const { card, toast } = outcome.response;
    if (card) await this.deliver({ to: { patch: action.messageId }, content: { type: 'card', card } });
    if (toast?.type === 'error') await this.deliver({ to: { openId: action.operatorOpenId }, content: { type: 'text', text: toast.content } });
  }

  private processAction(action: InboundCardAction): Promise<ActionResponse> {
    return dispatchAction(this.r, this.deps, action);
  }

  private track(p: Promise<unknown>): void {
    const guarded = p.catch((err: unknown) => this.deps.log.error({ err }, 'background work failed'));
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }
}
