import type { Card } from '../cards/types.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import type { Messenger, OutgoingContent } from '../ports/messenger.js';
import type { ParsedCommand } from './commands.js';
import type { InboundCardAction, InboundMessage } from './events.js';

/** What every handler gets: who acts, the ports, and a logger bound to this event. */
export interface BaseContext {
  actorOpenId: string;
  chatId: string;
  clock: Clock;
  messenger: Messenger;
  log: Logger;
  /** Extension slots filled by middleware (e.g. the actor's roles), keyed by name. */
  locals: Record<string, unknown>;
}

export interface CommandContext extends BaseContext {
  message: InboundMessage;
  command: ParsedCommand;
  /** Reply to the message that carried the command. */
  reply(content: OutgoingContent): Promise<void>;
  replyText(text: string): Promise<void>;
  replyCard(card: Card): Promise<void>;
}

export interface Toast {
  type: 'info' | 'success' | 'warning' | 'error';
  content: string;
}

/** What a card click answers: a toast, and optionally the card that replaces the clicked one. */
export interface ActionResponse {
  toast?: Toast;
  card?: Card;
}

export interface ActionContext extends BaseContext {
  action: InboundCardAction;
  /** The button's value without the routing key. */
  value: Record<string, unknown>;
}

export interface JobContext {
  jobName: string;
  /** The instant the run is for (the scheduled time, or now for a manual run). */
  firedAt: Date;
  clock: Clock;
  messenger: Messenger;
  log: Logger;
}
