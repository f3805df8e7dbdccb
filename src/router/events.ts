/**
 * The two internal events the transports produce. Features never see a raw Lark payload.
 */

/**
 * How far a signed request's timestamp may be from now and still be accepted (transport/verify.ts). A
 * captured request can be replayed for that long after it was signed, so deduplication must remember
 * at least that long.
 */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export interface Mention {
  /** The placeholder in the text, e.g. `@_user_1`. */
  key: string;
  openId?: string;
  name: string;
}

export interface InboundMessage {
  kind: 'message';
  messageId: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  senderOpenId: string;
  /** `text`, `post`, `file`, `image`, … */
  messageType: string;
  /** Plain text of a text or post message, mention placeholders kept (`@_user_1 帮助`). */
  text: string;
  mentions: Mention[];
  /** For `file` messages: the Lark file key and name. */
  file?: { key: string; name: string };
  /** For `image` messages: the Lark image key. */
  image?: { key: string };
  createTime?: string;
  /** The message this one replies to (Lark's `parent_id`), when it is a reply. */
  parentId?: string;
}

export interface InboundCardAction {
  kind: 'card_action';
  /**
   * `header.event_id` of a schema-2.0 callback: inside the signed body and kept by Lark across its own
   * retries, so the same bytes replayed carry the same id, while a new click gets a new one.
   */
  eventId?: string;
  operatorOpenId: string;
  messageId: string;
  chatId: string;
  /** What the button carried. Says *what* was clicked, never *who may*: handlers re-check permission. */
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
  /** Value of a standalone select / input, when the element is not in a form. */
  option?: string;
  inputValue?: string;
  actionTag?: string;
  actionName?: string;
  /** The delayed-update token (`c-…`). */
  updateToken?: string;
}
