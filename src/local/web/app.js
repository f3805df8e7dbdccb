/**
 * The local-mode page: pick a person and a chat, talk to the bot, click its cards, move its clock.
 * Talks to the bot's local API only (see src/local/API.md); no external assets, no framework.
 */
import { escapeHtml, renderCard, toFormValue } from './card-renderer.js';
import { createDocumentsPanel, docTokenOf } from './documents.js';

const API = '/local/api';
// The bot embeds a per-start token in the page; every request sends it back (the API refuses a POST
// without it, so other web sites open in this browser cannot drive the page's API).
const SESSION = document.querySelector('meta[name="sanban-session"]')?.getAttribute('content') ?? '';
const STORE_PERSON = 'sanban.local.person';
const STORE_CHAT = 'sanban.local.chat';

const state = {
  bot: { name: '三办助手', openId: '' },
  /** Commands to suggest, from the bot's command registry (/state): never a list written here. */
  examples: [],
  clock: null,
  people: [],
  chats: [],
  /** open_id of the person the page acts as. */
  me: '',
  chatId: '',
  /** Messages of the open chat, oldest first, and by id. */
  messages: [],
  byId: new Map(),
  /** Serialized form of each shown message, to skip re-rendering what did not change. */
  shownJson: new Map(),
  unread: new Map(),
  selectedId: '',
  jobBatches: [],
  /** Bumped on every chat switch, so a slow load for a previous chat is dropped. */
  loadSeq: 0,
};

const $ = (id) => document.getElementById(id);
const el = {
  personSelect: $('person-select'),
  personDetail: $('person-detail'),
  chatList: $('chat-list'),
  clockLabel: $('clock-label'),
  clockDay: $('clock-day'),
  nextMorning: $('time-next-morning'),
  daysInput: $('time-days-input'),
  days: $('time-days'),
  hoursInput: $('time-hours-input'),
  hours: $('time-hours'),
  jobRuns: $('job-runs'),
  chatTitle: $('chat-title'),
  chatSub: $('chat-sub'),
  conn: $('conn-status'),
  messages: $('messages'),
  composer: $('composer'),
  send: $('send'),
  atBot: $('insert-at-bot'),
  atPerson: $('insert-at-person'),
  examples: $('composer-examples'),
  composerHint: $('composer-hint'),
  tabJson: $('tab-json'),
  tabAudit: $('tab-audit'),
  tabDocs: $('tab-docs'),
  panelJson: $('panel-json'),
  panelAudit: $('panel-audit'),
  panelDocs: $('panel-docs'),
  docList: $('doc-list'),
  docEditor: $('doc-editor'),
  jsonCaption: $('json-caption'),
  jsonCopy: $('json-copy'),
  jsonView: $('json-view'),
  auditFilter: $('audit-filter'),
  auditRefresh: $('audit-refresh'),
  auditList: $('audit-list'),
  toast: $('toast'),
};

// ---------------------------------------------------------------------------------------------------
// HTTP

async function api(path, body) {
  const headers = { 'x-sanban-session': SESSION };
  const init = body === undefined ? { headers } : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
  let res;
  try {
    res = await fetch(`${API}${path}`, init);
  } catch {
    throw new Error('无法连接到助手，请确认助手程序仍在运行。');
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const reason = (data && (data.message || data.error)) || text || res.statusText;
    throw new Error(`请求失败（${res.status}）：${String(reason).slice(0, 200)}`);
  }
  return data ?? {};
}

/** False only for a `status` that plainly reports failure (a non-2xx code, or error/failed/rejected). */
function statusOk(status) {
  if (status === undefined || status === null || status === '') return true;
  if (typeof status === 'number' || /^\d{3}$/.test(String(status))) return Number(status) >= 200 && Number(status) < 300;
  return !/^(error|fail|failed|failure|rejected|refused|timeout)$/i.test(String(status));
}

// ---------------------------------------------------------------------------------------------------
// Formatting helpers

const TIME_ZONE = 'Asia/Shanghai';
const timeFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
const dayFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
const fullFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

const validDate = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};
const fmtTime = (iso) => (validDate(iso) ? timeFmt.format(validDate(iso)) : '');
/** `2026-11-23（周一）`, the way the bot writes dates. */
const fmtDay = (iso) => {
  const d = validDate(iso);
  if (!d) return '';
  const parts = Object.fromEntries(dayFmt.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}（${parts.weekday}）`;
};
const fmtFull = (iso) => {
  // The API already gives some times in Beijing time as text (`2026-11-23 09:30`): show those as they are.
  if (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(iso)) return iso;
  const d = validDate(iso);
  if (!d) return String(iso ?? '');
  const p = Object.fromEntries(fullFmt.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
};

const personById = (openId) => state.people.find((p) => p.openId === openId);
const chatById = (chatId) => state.chats.find((c) => c.chatId === chatId);

/** Names for `<at id=…>` in cards: people, and the bot itself. */
function mentionName(openId) {
  if (openId && openId === state.bot.openId) return state.bot.name;
  return personById(openId)?.name;
}

function personLabel(p) {
  const roles = Array.isArray(p.roles) && p.roles.length ? p.roles.join('、') : '无角色';
  return [p.name, p.unit, roles].filter(Boolean).join(' · ');
}

function chatName(chat) {
  if (chat.kind === 'p2p') return `与${state.bot.name}的私聊`;
  return chat.name || chat.chatId;
}

/** Chats the current person can see: groups they are in, and their own direct chat with the bot. */
function visibleChats() {
  const groups = state.chats.filter((c) => c.kind === 'group' && Array.isArray(c.members) && c.members.includes(state.me));
  const p2p = state.chats.filter((c) => c.kind === 'p2p' && c.p2pWith === state.me);
  return [...p2p, ...groups];
}

const escapeRegExp = (s) => s.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');

/** Plain text with line breaks, `@姓名` mentions of known people and of the bot highlighted. */
function textHtml(text) {
  let html = escapeHtml(text ?? '');
  const names = [state.bot.name, ...state.people.map((p) => p.name)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (names.length) {
    const alternatives = names.map((n) => escapeRegExp(escapeHtml(n))).join('|');
    const pattern = new RegExp(`@(${alternatives}|所有人)`, 'g');
    html = html.replace(pattern, '<span class="md-at">@$1</span>');
  }
  return html.replace(/\r?\n/g, '<br>');
}

// ---------------------------------------------------------------------------------------------------
// Toast

let toastTimer = 0;
function showToast(type, content) {
  const kind = ['info', 'success', 'warning', 'error'].includes(type) ? type : 'info';
  el.toast.className = `toast toast-${kind}`;
  el.toast.dataset.type = kind;
  el.toast.textContent = content;
  el.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.toast.hidden = true;
  }, kind === 'error' || kind === 'warning' ? 5000 : 3000);
}
el.toast.addEventListener('click', () => {
  el.toast.hidden = true;
});

// ---------------------------------------------------------------------------------------------------
// Identity and chats

function renderPeople() {
  el.personSelect.innerHTML = state.people
    .map((p) => `<option value="${escapeHtml(p.openId)}"${p.openId === state.me ? ' selected' : ''}>${escapeHtml(personLabel(p))}</option>`)
    .join('');
  renderPersonDetail();
}

function renderPersonDetail() {
  const p = personById(state.me);
  if (!p) {
    el.personDetail.innerHTML = '';
    return;
  }
  const roles = Array.isArray(p.roles) && p.roles.length
    ? p.roles.map((r) => `<span class="role-chip">${escapeHtml(r)}</span>`).join('')
    : '<span class="muted">暂无角色</span>';
  el.personDetail.innerHTML =
    `<div class="person-line"><span class="avatar avatar-small" style="--hue:${hueOf(p.openId)}">${escapeHtml((p.name || '?').slice(0, 1))}</span>` +
    `<span><strong>${escapeHtml(p.name)}</strong> <span class="muted">${escapeHtml([p.unit, p.title].filter(Boolean).join(' · '))}</span></span></div>` +
    `<div class="role-chips">${roles}</div>`;
}

function renderChatList() {
  const chats = visibleChats();
  if (!chats.length) {
    el.chatList.innerHTML = '<li class="muted empty-note">此人不在任何群中，也没有私聊。</li>';
    return;
  }
  el.chatList.innerHTML = chats
    .map((c) => {
      const unread = state.unread.get(c.chatId) ?? 0;
      const sub = c.kind === 'p2p'
        ? '私聊：直接输入指令即可'
        : [Array.isArray(c.purposes) && c.purposes.length ? c.purposes.join('、') : '未绑定用途', `${(c.members ?? []).length} 人`].join(' · ');
      return (
        `<li><button type="button" class="chat-item${c.chatId === state.chatId ? ' active' : ''}" data-chat-id="${escapeHtml(c.chatId)}" data-testid="chat-${escapeHtml(c.chatId)}">` +
        `<span class="chat-icon ${c.kind === 'p2p' ? 'chat-icon-p2p' : 'chat-icon-group'}" aria-hidden="true">${c.kind === 'p2p' ? '私' : '群'}</span>` +
        `<span class="chat-text"><span class="chat-name" title="${escapeHtml(chatName(c))}">${escapeHtml(chatName(c))}</span><span class="chat-meta">${escapeHtml(sub)}</span></span>` +
        (unread ? `<span class="unread" data-testid="unread-${escapeHtml(c.chatId)}" title="${unread} 条未读">${unread > 99 ? '99+' : unread}</span>` : '') +
        '</button></li>'
      );
    })
    .join('');
}

function setPerson(openId) {
  state.me = openId;
  localStorage.setItem(STORE_PERSON, openId);
  renderPersonDetail();
  const chats = visibleChats();
  const keep = chats.find((c) => c.chatId === state.chatId);
  openChat(keep ? keep.chatId : chats[0]?.chatId ?? '');
}

el.personSelect.addEventListener('change', () => setPerson(el.personSelect.value));

el.chatList.addEventListener('click', (e) => {
  const btn = e.target.closest('.chat-item');
  if (btn) openChat(btn.dataset.chatId);
});

// ---------------------------------------------------------------------------------------------------
// Messages

const hueOf = (key) => {
  let h = 0;
  for (const ch of String(key)) h = (h * 31 + ch.codePointAt(0)) % 360;
  return h;
};

function messageHtml(m) {
  const fromBot = m.from === 'bot';
  const mine = !fromBot && m.from === state.me;
  const side = fromBot ? 'msg-bot' : mine ? 'msg-self' : 'msg-other';
  const name = fromBot ? state.bot.name : m.fromName || personById(m.from)?.name || m.from;
  const avatar = fromBot
    ? '<span class="avatar avatar-bot" aria-hidden="true">助</span>'
    : `<span class="avatar" style="--hue:${hueOf(m.from)}" aria-hidden="true">${escapeHtml(String(name).slice(0, 1))}</span>`;

  const replied = m.replyTo ? state.byId.get(m.replyTo) : null;
  const replyMarker = m.replyTo
    ? `<div class="reply-marker" title="回复的消息">回复${replied ? ` ${escapeHtml(replied.from === 'bot' ? state.bot.name : replied.fromName || '')}：${escapeHtml(summaryOf(replied))}` : ''}</div>`
    : '';

  let body;
  if (m.msgType === 'interactive' && m.card) {
    const { html, unknownTags } = renderCard(m.card, { mentionName });
    body = `<div class="msg-card">${html}</div>`;
    if (unknownTags.length) body += `<div class="msg-warn">此卡片含页面未支持的组件：${escapeHtml(unknownTags.join('、'))}</div>`;
  } else if (m.msgType === 'file' && m.file) {
    const key = encodeURIComponent(m.file.fileKey ?? '');
    body =
      '<div class="msg-file"><span class="file-icon" aria-hidden="true">文件</span>' +
      `<span class="file-name">${escapeHtml(m.file.name ?? m.file.fileKey ?? '文件')}</span>` +
      `<a class="btn btn-small" href="${API}/files/${key}" download="${escapeHtml(m.file.name ?? '')}">下载</a></div>`;
  } else if (typeof m.text === 'string' && m.text !== '') {
    body = `<div class="bubble">${textHtml(m.text)}</div>`;
  } else {
    body = `<div class="bubble muted">［${m.msgType === 'post' ? '富文本消息' : '消息'}，内容见右侧“原始 JSON”］</div>`;
  }

  const meta =
    `<div class="msg-meta"><span class="msg-name">${escapeHtml(name)}</span>` +
    `<span class="msg-time" title="${escapeHtml(fmtFull(m.at))}">${escapeHtml(fmtTime(m.at))}</span>` +
    (m.updated ? '<span class="msg-updated" title="卡片已被助手更新">已更新</span>' : '') +
    (m.urgent ? '<span class="msg-urgent" data-testid="msg-urgent" title="助手已对该消息发送应用内加急">加急</span>' : '') +
    '</div>';
  return (
    `<div class="msg ${side}${m.msgType === 'interactive' && m.card ? ' msg-has-card' : ''}${m.messageId === state.selectedId ? ' selected' : ''}" data-message-id="${escapeHtml(m.messageId)}" data-testid="message-${escapeHtml(m.messageId)}">` +
    avatar +
    `<div class="msg-main">${meta}${replyMarker}${body}</div>` +
    '</div>'
  );
}

function summaryOf(m) {
  if (!m) return '';
  if (m.msgType === 'interactive') return `［卡片］${m.card?.header?.title?.content ?? ''}`;
  if (m.msgType === 'file') return `［文件］${m.file?.name ?? ''}`;
  const t = String(m.text ?? '').replace(/\s+/g, ' ');
  return t.length > 24 ? `${t.slice(0, 24)}…` : t;
}

const daySeparator = (iso) => `<div class="day-sep" data-day="${escapeHtml(fmtDay(iso))}"><span>${escapeHtml(fmtDay(iso))}</span></div>`;

function nodeFrom(html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  return tpl.content;
}

function nearBottom() {
  const m = el.messages;
  return m.scrollHeight - m.scrollTop - m.clientHeight < 80;
}
function scrollToBottom() {
  el.messages.scrollTop = el.messages.scrollHeight;
}

function renderAllMessages() {
  if (!state.messages.length) {
    el.messages.innerHTML = `<div class="empty-chat">${escapeHtml(emptyChatText())}</div>`;
    return;
  }
  let html = '';
  let lastDay = '';
  for (const m of state.messages) {
    const day = fmtDay(m.at);
    if (day && day !== lastDay) html += daySeparator(m.at);
    lastDay = day || lastDay;
    html += messageHtml(m);
  }
  el.messages.innerHTML = html;
  state.shownJson = new Map(state.messages.map((m) => [m.messageId, JSON.stringify(m)]));
  scrollToBottom();
}

function emptyChatText() {
  const chat = chatById(state.chatId);
  if (!chat) return '请在左侧选择一个会话。';
  if (chat.kind === 'p2p') return `这里还没有消息。试着发送“帮助”，看看${state.bot.name}能做什么。`;
  return `这里还没有消息。在群里要先 @${state.bot.name}，它才会回复，例如“@${state.bot.name} 帮助”。`;
}

/** Adds a message to the open chat, or replaces it in place when it is already shown. */
function upsertMessage(m) {
  const json = JSON.stringify(m);
  if (state.shownJson.get(m.messageId) === json) return;
  const existing = state.byId.get(m.messageId);
  state.byId.set(m.messageId, m);
  if (existing) {
    state.messages[state.messages.indexOf(existing)] = m;
    const node = el.messages.querySelector(`[data-message-id="${CSS.escape(m.messageId)}"]`);
    if (node) node.replaceWith(nodeFrom(messageHtml(m)));
    else renderAllMessages();
  } else {
    const stick = nearBottom() || m.from === state.me;
    const last = state.messages[state.messages.length - 1];
    state.messages.push(m);
    if (state.messages.length === 1) el.messages.innerHTML = '';
    const frag = document.createDocumentFragment();
    if (fmtDay(m.at) && fmtDay(m.at) !== (last ? fmtDay(last.at) : '')) frag.append(nodeFrom(daySeparator(m.at)));
    frag.append(nodeFrom(messageHtml(m)));
    el.messages.append(frag);
    if (stick) scrollToBottom();
  }
  state.shownJson.set(m.messageId, json);
  if (m.messageId === state.selectedId) showJson(m);
}

async function openChat(chatId) {
  const seq = ++state.loadSeq;
  state.chatId = chatId;
  if (chatId) localStorage.setItem(STORE_CHAT, chatId);
  state.unread.delete(chatId);
  state.messages = [];
  state.byId = new Map();
  state.shownJson = new Map();
  renderChatList();
  renderChatHeader();
  renderComposerTools();
  if (!chatId) {
    renderAllMessages();
    return;
  }
  el.messages.innerHTML = '<div class="empty-chat">正在加载消息…</div>';
  try {
    const data = await api(`/messages?chatId=${encodeURIComponent(chatId)}`);
    if (seq !== state.loadSeq) return;
    state.messages = Array.isArray(data.messages) ? data.messages : [];
    state.byId = new Map(state.messages.map((m) => [m.messageId, m]));
    renderAllMessages();
  } catch (err) {
    if (seq !== state.loadSeq) return;
    el.messages.innerHTML = `<div class="empty-chat error-text">${escapeHtml(err.message)}</div>`;
  }
}

/** Fetches the open chat again and applies what changed (after a reconnect, or as a fallback). */
async function refreshChat() {
  if (!state.chatId) return;
  const seq = state.loadSeq;
  try {
    const data = await api(`/messages?chatId=${encodeURIComponent(state.chatId)}`);
    if (seq !== state.loadSeq) return;
    for (const m of Array.isArray(data.messages) ? data.messages : []) upsertMessage(m);
  } catch {
    // The stream status shows the connection problem; nothing more to say here.
  }
}

function renderChatHeader() {
  const chat = chatById(state.chatId);
  if (!chat) {
    el.chatTitle.textContent = '请选择会话';
    el.chatSub.textContent = '';
    return;
  }
  el.chatTitle.textContent = chatName(chat);
  if (chat.kind === 'p2p') {
    el.chatSub.textContent = `你（${personById(state.me)?.name ?? ''}）与${state.bot.name}的单独对话`;
  } else {
    const names = (chat.members ?? []).map((id) => personById(id)?.name).filter(Boolean);
    const shown = names.slice(0, 12).join('、');
    el.chatSub.textContent = `${names.length} 位成员：${shown}${names.length > 12 ? ' 等' : ''}`;
    el.chatSub.title = names.join('、');
  }
}

// Selecting a message shows its JSON.
el.messages.addEventListener('click', (e) => {
  // A link to a document in the local drive opens it in the 文档 tab, as Feishu opens it in place.
  const link = e.target.closest('a[href]');
  const token = link ? docTokenOf(link.getAttribute('href')) : null;
  if (token) {
    e.preventDefault();
    documents.open(token);
    return;
  }
  const btn = e.target.closest('button.card-btn');
  if (btn) {
    onCardButton(btn);
    return;
  }
  const msg = e.target.closest('.msg');
  if (!msg || e.target.closest('a, input, textarea, select, label')) return;
  selectMessage(msg.dataset.messageId);
});

function selectMessage(messageId) {
  state.selectedId = messageId;
  for (const node of el.messages.querySelectorAll('.msg.selected')) node.classList.remove('selected');
  el.messages.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`)?.classList.add('selected');
  const m = state.byId.get(messageId);
  if (m) showJson(m);
  selectTab('json');
}

// ---------------------------------------------------------------------------------------------------
// Card actions

function collectFields(form) {
  return [...form.querySelectorAll('[data-field]')].map((node) => ({
    name: node.getAttribute('name') ?? '',
    kind: node.dataset.field,
    value: node.dataset.field === 'multi_select' ? [...node.selectedOptions].map((o) => o.value) : node.value,
    required: node.dataset.required === 'true',
    label: node.dataset.label ?? '',
    node,
  }));
}

async function onCardButton(btn) {
  if (btn.disabled) return;
  const msgNode = btn.closest('[data-message-id]');
  const messageId = msgNode?.dataset.messageId;
  if (!messageId) return;
  const form = btn.closest('form.card-form');
  const action = btn.dataset.formAction;

  if (action === 'reset' && form) {
    form.reset();
    for (const n of form.querySelectorAll('.invalid')) n.classList.remove('invalid');
    if (!btn.dataset.value) return;
  }

  let formValue;
  if (action === 'submit' && form) {
    const fields = collectFields(form);
    const { formValue: value, missing } = toFormValue(fields);
    for (const f of fields) f.node.classList.toggle('invalid', f.required && missing.includes(f.label || f.name));
    if (missing.length) {
      showToast('warning', `请先填写必填项：${missing.join('、')}`);
      fields.find((f) => f.node.classList.contains('invalid'))?.node.focus();
      return;
    }
    formValue = value;
  }

  const title = btn.dataset.confirmTitle;
  const text = btn.dataset.confirmText;
  if ((title || text) && !window.confirm([title, text].filter(Boolean).join('\n\n'))) return;

  if (btn.dataset.url) {
    const token = docTokenOf(btn.dataset.url);
    if (token) documents.open(token);
    else window.open(btn.dataset.url, '_blank', 'noopener,noreferrer');
  }

  let value = null;
  if (btn.dataset.value) {
    try {
      value = JSON.parse(btn.dataset.value);
    } catch {
      value = null;
    }
  }
  if (!value && formValue === undefined) return;

  const card = btn.closest('.lark-card');
  const buttons = card ? [...card.querySelectorAll('button.card-btn:not([disabled])')] : [btn];
  for (const b of buttons) b.disabled = true;
  btn.classList.add('busy');
  try {
    const body = { messageId, by: state.me, value: value ?? {} };
    if (formValue !== undefined) {
      body.formValue = formValue;
      if (btn.dataset.name) body.name = btn.dataset.name;
    }
    const res = await api('/click', body);
    if (res.toast && res.toast.content) showToast(res.toast.type, res.toast.content);
    else if (!statusOk(res.status)) showToast('error', `操作未成功（${res.status}）`);
    if (res.cardUpdated) setTimeout(() => refreshChat(), 400);
  } catch (err) {
    showToast('error', err.message);
  } finally {
    // The card may have been replaced meanwhile; re-enabling detached buttons is harmless.
    for (const b of buttons) b.disabled = false;
    btn.classList.remove('busy');
  }
}

// ---------------------------------------------------------------------------------------------------
// Composer

function renderComposerTools() {
  const chat = chatById(state.chatId);
  const group = chat?.kind === 'group';
  el.atBot.hidden = !group;
  el.atBot.textContent = `@${state.bot.name}`;
  el.atPerson.hidden = !group;
  if (group) {
    const others = (chat.members ?? []).filter((id) => id !== state.me).map(personById).filter(Boolean);
    el.atPerson.innerHTML =
      '<option value="">@ 提及成员…</option>' +
      others.map((p) => `<option value="${escapeHtml(p.name)}">${escapeHtml(p.name)}（${escapeHtml(p.unit ?? '')}）</option>`).join('');
  }
  el.examples.innerHTML = state.examples.map((t) => `<button type="button" class="chip" data-example="${escapeHtml(t)}">${escapeHtml(t)}</button>`).join('');
  el.composer.placeholder = !chat
    ? '请先选择会话'
    : group
      ? `在群里发消息。要让助手回复，请先 @${state.bot.name}（Enter 发送，Shift+Enter 换行）`
      : `直接输入指令，如${state.examples.slice(0, 2).map((t) => `“${t}”`).join('')}（Enter 发送，Shift+Enter 换行）`;
  el.composerHint.textContent = group ? `提示：在群里，助手只回复 @${state.bot.name} 的消息。` : '';
  el.composer.disabled = !chat;
  el.send.disabled = !chat;
}

function insertAtCaret(text) {
  const ta = el.composer;
  const start = ta.selectionStart ?? ta.value.length;
  const end = ta.selectionEnd ?? ta.value.length;
  const before = ta.value.slice(0, start);
  const pad = before && !/\s$/.test(before) ? ' ' : '';
  ta.value = `${before}${pad}${text}${ta.value.slice(end)}`;
  const caret = before.length + pad.length + text.length;
  ta.focus();
  ta.setSelectionRange(caret, caret);
}

el.atBot.addEventListener('click', () => insertAtCaret(`@${state.bot.name} `));
el.atPerson.addEventListener('change', () => {
  if (el.atPerson.value) insertAtCaret(`@${el.atPerson.value} `);
  el.atPerson.value = '';
});
el.examples.addEventListener('click', (e) => {
  const chip = e.target.closest('[data-example]');
  if (!chip) return;
  const group = chatById(state.chatId)?.kind === 'group';
  el.composer.value = `${group ? `@${state.bot.name} ` : ''}${chip.dataset.example}`;
  el.composer.focus();
});

let sending = false;
async function send() {
  const text = el.composer.value.trim();
  if (!text || !state.chatId || !state.me || sending) return;
  sending = true;
  el.send.disabled = true;
  try {
    const res = await api('/say', { chatId: state.chatId, from: state.me, text });
    if (!statusOk(res.status)) throw new Error(`消息未送达助手（${res.status}）`);
    el.composer.value = '';
    // The stream normally delivers the message; fetch the chat if it has not arrived shortly.
    if (res.messageId) {
      setTimeout(() => {
        if (!state.byId.has(res.messageId)) refreshChat();
      }, 800);
    }
  } catch (err) {
    showToast('error', err.message);
  } finally {
    sending = false;
    el.send.disabled = false;
    el.composer.focus();
  }
}

el.send.addEventListener('click', send);
el.composer.addEventListener('keydown', (e) => {
  // Enter while an input method is composing picks a candidate; it must not send.
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
    e.preventDefault();
    send();
  }
});

// ---------------------------------------------------------------------------------------------------
// Clock and time travel

function renderClock() {
  const c = state.clock;
  el.clockLabel.textContent = c?.label || (c?.now ? fmtFull(c.now) : '—');
  el.clockDay.textContent = c ? (c.workingDay ? '工作日' : '非工作日') : '';
  el.clockDay.className = `clock-day ${c?.workingDay ? 'day-work' : 'day-off'}`;
}

// The API answers in words (已运行 / 已由其他实例运行 / 非工作日未运行 / 运行失败); only the colour is chosen here.

function renderJobRuns() {
  if (!state.jobBatches.length) {
    el.jobRuns.innerHTML = '';
    return;
  }
  el.jobRuns.innerHTML = state.jobBatches
    .map((b) => {
      const head = `<div class="run-head">${escapeHtml(b.title)}</div>`;
      if (!b.ran.length) return `<div class="run-batch">${head}<div class="muted run-none">这段时间没有到期的任务。</div></div>`;
      const rows = b.ran
        .map((r) => {
          const outcome = String(r.outcome ?? '');
          const cls = /失败/.test(outcome) ? 'run-bad' : /未运行|其他实例/.test(outcome) ? 'run-skip' : 'run-ok';
          return `<li><span class="run-at">${escapeHtml(String(r.at ?? ''))}</span> <span class="run-job">${escapeHtml(r.job)}</span> <span class="run-outcome ${cls}">${escapeHtml(outcome)}</span></li>`;
        })
        .join('');
      return `<div class="run-batch">${head}<ol class="run-list">${rows}</ol></div>`;
    })
    .join('');
}

async function moveClock(body, title) {
  el.nextMorning.disabled = true;
  el.days.disabled = true;
  el.hours.disabled = true;
  const label = el.jobRuns.querySelector('.run-pending');
  if (!label) el.jobRuns.insertAdjacentHTML('afterbegin', '<div class="run-pending muted">正在拨动时钟并运行到期任务…</div>');
  try {
    const res = await api('/time', body);
    if (res.clock) state.clock = res.clock;
    renderClock();
    const ran = Array.isArray(res.ran) ? res.ran : [];
    state.jobBatches.unshift({ title: `${title} → ${state.clock?.label ?? ''}：运行了 ${ran.length} 个任务`, ran });
    state.jobBatches = state.jobBatches.slice(0, 6);
    showToast('success', `时钟已拨到 ${state.clock?.label ?? ''}，运行了 ${ran.length} 个任务`);
  } catch (err) {
    showToast('error', err.message);
  } finally {
    el.nextMorning.disabled = false;
    el.days.disabled = false;
    el.hours.disabled = false;
    renderJobRuns();
  }
}

el.nextMorning.addEventListener('click', () => moveClock({ to: 'next-morning' }, '到下一个工作日早上'));
el.days.addEventListener('click', () => {
  const n = Number(el.daysInput.value);
  if (!Number.isInteger(n) || n < 1 || n > 31) {
    showToast('warning', '请输入 1 到 31 之间的整数天数。');
    el.daysInput.focus();
    return;
  }
  moveClock({ days: n }, `前进 ${n} 天`);
});
el.daysInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') el.days.click();
});
el.hours.addEventListener('click', () => {
  const n = Number(el.hoursInput.value);
  if (!Number.isInteger(n) || n < 1 || n > 72) {
    showToast('warning', '请输入 1 到 72 之间的整数小时数。');
    el.hoursInput.focus();
    return;
  }
  moveClock({ hours: n }, `前进 ${n} 小时`);
});
el.hoursInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') el.hours.click();
});

// ---------------------------------------------------------------------------------------------------
// Side panel: raw JSON and audit log

function selectTab(which) {
  const tabs = { json: [el.tabJson, el.panelJson], audit: [el.tabAudit, el.panelAudit], docs: [el.tabDocs, el.panelDocs] };
  for (const [name, [tab, panel]] of Object.entries(tabs)) {
    tab.setAttribute('aria-selected', String(name === which));
    panel.hidden = name !== which;
  }
  if (which === 'audit') loadAudit();
}
el.tabJson.addEventListener('click', () => selectTab('json'));
el.tabAudit.addEventListener('click', () => selectTab('audit'));
el.tabDocs.addEventListener('click', () => selectTab('docs'));

const documents = createDocumentsPanel({
  api,
  me: () => state.me,
  nameOf: (openId) => personById(openId)?.name ?? '',
  showToast,
  show: () => selectTab('docs'),
  list: el.docList,
  editor: el.docEditor,
});

/** Pretty JSON with keys, strings, numbers and literals coloured. */
function jsonHtml(value) {
  const text = JSON.stringify(value, null, 2) ?? '';
  return escapeHtml(text).replace(
    /(&quot;(?:[^&\\]|&(?!quot;)|\\.)*?&quot;)(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
    (whole, str, colon, lit, num) => {
      if (str) return colon ? `<span class="j-key">${str}</span>${colon}` : `<span class="j-str">${str}</span>`;
      if (lit) return `<span class="j-lit">${lit}</span>`;
      if (num) return `<span class="j-num">${num}</span>`;
      return whole;
    },
  );
}

let shownJsonText = '';
function showJson(m) {
  const kind = { text: '文本', interactive: '卡片', file: '文件', post: '富文本' }[m.msgType] ?? m.msgType;
  el.jsonCaption.textContent = `${kind}消息 ${m.messageId}${m.updated ? '（已更新）' : ''}`;
  shownJsonText = JSON.stringify(m, null, 2);
  el.jsonView.innerHTML = jsonHtml(m);
  el.jsonCopy.hidden = false;
}

el.jsonCopy.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(shownJsonText);
    showToast('success', '已复制到剪贴板');
  } catch {
    const range = document.createRange();
    range.selectNodeContents(el.jsonView);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    showToast('info', '已选中全部内容，请按 Ctrl+C 复制');
  }
});

let auditSeq = 0;
async function loadAudit() {
  const seq = ++auditSeq;
  const objectId = el.auditFilter.value.trim();
  el.auditRefresh.disabled = true;
  if (!el.auditList.children.length) el.auditList.innerHTML = '<div class="muted">正在加载…</div>';
  try {
    const data = await api(`/audit${objectId ? `?objectId=${encodeURIComponent(objectId)}` : ''}`);
    if (seq !== auditSeq) return;
    const entries = Array.isArray(data.entries) ? data.entries : [];
    el.auditList.innerHTML = entries.length
      ? `<div class="muted audit-count">最近 ${entries.length} 条，最新的在前</div>` + entries.map(auditHtml).join('')
      : `<div class="muted">${objectId ? '该对象没有操作记录。' : '还没有操作记录。'}</div>`;
  } catch (err) {
    if (seq === auditSeq) el.auditList.innerHTML = `<div class="error-text">${escapeHtml(err.message)}</div>`;
  } finally {
    if (seq === auditSeq) el.auditRefresh.disabled = false;
  }
}

function auditHtml(e) {
  const change = e.before != null || e.after != null;
  return (
    '<div class="audit-entry">' +
    `<div class="audit-line"><span class="audit-at">${escapeHtml(fmtFull(e.at))}</span><span class="audit-actor">${escapeHtml(e.actorName || e.actor || '系统')}</span></div>` +
    // Labels come from the server's object registry (platform/objects.ts): the codes stay in the JSON below.
    `<div class="audit-line"><strong class="audit-action">${escapeHtml(e.actionLabel)}</strong>` +
    (e.detail ? `<span class="audit-detail">${escapeHtml(e.detail)}</span>` : '') +
    `<button type="button" class="audit-object" data-object-id="${escapeHtml(e.objectId ?? '')}" title="只看该对象的记录">` +
    `${escapeHtml([e.objectLabel, e.objectId].filter(Boolean).join(' '))}</button></div>` +
    (change
      ? '<details class="audit-change"><summary>变更内容</summary>' +
        (e.before != null ? `<div class="audit-label">变更前</div><pre class="json-view">${jsonHtml(e.before)}</pre>` : '') +
        (e.after != null ? `<div class="audit-label">变更后</div><pre class="json-view">${jsonHtml(e.after)}</pre>` : '') +
        '</details>'
      : '') +
    '</div>'
  );
}

el.auditRefresh.addEventListener('click', loadAudit);
el.auditFilter.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') loadAudit();
});
el.auditList.addEventListener('click', (e) => {
  const obj = e.target.closest('[data-object-id]');
  if (!obj || !obj.dataset.objectId) return;
  el.auditFilter.value = obj.dataset.objectId;
  loadAudit();
});

// ---------------------------------------------------------------------------------------------------
// Live updates

let stream = null;
let everConnected = false;
function connectStream() {
  stream = new EventSource(`${API}/stream`);
  stream.addEventListener('open', () => {
    el.conn.textContent = '';
    el.conn.className = 'conn-status';
    // After a reconnect, pick up whatever arrived while the stream was down.
    if (everConnected) refreshChat();
    everConnected = true;
  });
  stream.addEventListener('error', () => {
    el.conn.textContent = '连接已断开，正在重连…';
    el.conn.className = 'conn-status conn-down';
  });
  stream.addEventListener('message', (e) => {
    let m;
    try {
      m = JSON.parse(e.data);
    } catch {
      return;
    }
    if (!m || !m.messageId) return;
    if (m.chatId === state.chatId) upsertMessage(m);
    else if (!m.updated && m.from !== state.me) {
      state.unread.set(m.chatId, (state.unread.get(m.chatId) ?? 0) + 1);
      renderChatList();
    }
  });
  stream.addEventListener('document', (e) => {
    try {
      documents.update(JSON.parse(e.data));
    } catch {
      // Ignore a malformed document event; the next reload lists the documents again.
    }
  });
  stream.addEventListener('clock', (e) => {
    try {
      state.clock = JSON.parse(e.data);
      renderClock();
    } catch {
      // Ignore a malformed clock event; the next one corrects the label.
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// Start

async function start() {
  let data;
  try {
    data = await api('/state');
  } catch (err) {
    el.messages.innerHTML = `<div class="empty-chat error-text">${escapeHtml(err.message)}</div>`;
    return;
  }
  state.bot = { name: data.bot?.name || '三办助手', openId: data.bot?.openId || '' };
  state.examples = Array.isArray(data.examples) ? data.examples : [];
  state.clock = data.clock ?? null;
  state.people = Array.isArray(data.people) ? data.people : [];
  state.chats = Array.isArray(data.chats) ? data.chats : [];
  const saved = localStorage.getItem(STORE_PERSON);
  state.me = personById(saved)?.openId ?? state.people[0]?.openId ?? '';
  const savedChat = localStorage.getItem(STORE_CHAT);
  renderPeople();
  renderClock();
  renderJobRuns();
  const chats = visibleChats();
  state.chatId = chats.some((c) => c.chatId === savedChat) ? savedChat : chats[0]?.chatId ?? '';
  connectStream();
  documents.refresh();
  await openChat(state.chatId);
}

start();
