import type { Messenger, Result } from '../ports/messenger.js';

/**
 * Who reads an answer. A group chat can hold other units' people and outsiders, so an answer that is
 * fine for the asker may not be fine for the chat; features decide what each member may see, this
 * module knows who the members are and where the answer goes.
 */

export interface ChatAudienceOptions {
  /** How long a chat's member list is trusted (default 60 s: someone added just now may be missed that long). */
  ttlMs?: number;
  /** Chats remembered at most; the least recently looked up is forgotten first. */
  maxChats?: number;
  /** Physical time in ms (the office clock, which tests and trainers move, must not age the cache). */
  now?: () => number;
}

interface Entry {
  at: number;
  members: Promise<Result<readonly string[]>>;
}

/** The open_ids of a chat's members (bots excluded, as Lark lists them), cached briefly and bounded. */
export class ChatAudience {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxChats: number;
  private readonly now: () => number;

  constructor(
    private readonly messenger: Pick<Messenger, 'listChatMembers'>,
    o: ChatAudienceOptions = {},
  ) {
    this.ttlMs = o.ttlMs ?? 60_000;
    this.maxChats = o.maxChats ?? 500;
    this.now = o.now ?? (() => performance.now());
  }

  /** One lookup at a time per chat: concurrent askers share it. A failed lookup is not remembered. */
  members(chatId: string): Promise<Result<readonly string[]>> {
    const at = this.now();
    const hit = this.cache.get(chatId);
    this.cache.delete(chatId);
    if (hit && at - hit.at < this.ttlMs) {
      this.cache.set(chatId, hit);
      return hit.members;
    }
    const members = this.messenger
      .listChatMembers(chatId)
      .then((r): Result<readonly string[]> => (r.ok ? { ok: true, value: r.value.map((m) => m.openId) } : r));
    const entry: Entry = { at, members };
    this.cache.set(chatId, entry);
    while (this.cache.size > this.maxChats) this.cache.delete(this.cache.keys().next().value!);
    void members.then((r) => {
      if (!r.ok && this.cache.get(chatId) === entry) this.cache.delete(chatId);
    });
    return members;
  }
}

const shared = new WeakMap<object, ChatAudience>();

/**
 * The one member cache of a bot (per messenger): every feature that routes answers (组织, 督办, …) asks it,
 * so a chat's members are looked up once a minute, not once per feature.
 */
export function chatAudienceFor(messenger: Pick<Messenger, 'listChatMembers'>): ChatAudience {
  let audience = shared.get(messenger);
  if (!audience) shared.set(messenger, (audience = new ChatAudience(messenger)));
  return audience;
}

/**
 * Where an answer goes: `here` (the chat it was asked in), or `private` (a direct message to the asker,
 * with a note in the chat) because some member may not see it (`restricted`) or the members could not
 * be read (`unknown`: fail closed).
 */
export type AnswerRoute = { kind: 'here' } | { kind: 'private'; reason: 'restricted' | 'unknown' };

/**
 * Decides where to answer: in place in a p2p chat; in a group, in place only when `allMayRead` says every
 * member other than the asker may read the whole answer.
 */
export async function routeAnswer(
  audience: ChatAudience,
  asked: { chatId: string; chatType: 'p2p' | 'group'; askerOpenId: string },
  allMayRead: (memberOpenIds: readonly string[]) => Promise<boolean>,
): Promise<AnswerRoute> {
  if (asked.chatType === 'p2p') return { kind: 'here' };
  const members = await audience.members(asked.chatId);
  if (!members.ok) return { kind: 'private', reason: 'unknown' };
  const others = members.value.filter((m) => m !== asked.askerOpenId);
  return (await allMayRead(others)) ? { kind: 'here' } : { kind: 'private', reason: 'restricted' };
}
