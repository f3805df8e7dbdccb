/**
 * The two internal events the transports produce. Features never see a raw Lark payload.
 */
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
  createTime?: string;
}

export interface InboundCardAction {
  kind: 'card_action';
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
