/**
 * Renders Lark card JSON 2.0 to an HTML string. Pure: no DOM, so the page and the Node tests share it.
 *
 * Every string taken from the card is HTML-escaped (cards carry user text). Markdown is a safe subset of
 * Lark's card markdown: markup the card uses (`<at>`, `<font>`, entities, links, code) is recognised on
 * the raw text and turned into placeholders first; the rest is escaped, then inline styles are applied.
 */

const TEMPLATES = new Set([
  'blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine',
  'violet', 'purple', 'indigo', 'grey', 'default',
]);
const TAG_COLORS = new Set([
  'neutral', 'blue', 'turquoise', 'lime', 'orange', 'violet', 'indigo', 'wathet',
  'green', 'yellow', 'red', 'purple', 'carmine', 'grey',
]);
const FONT_COLORS = new Set([
  'red', 'green', 'grey', 'gray', 'blue', 'orange', 'yellow', 'purple', 'violet', 'indigo',
  'carmine', 'turquoise', 'wathet', 'lime', 'default',
]);
const BUTTON_TYPES = new Set([
  'default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser',
]);
const FLEX_MODES = new Set(['none', 'stretch', 'flow', 'bisect', 'trisect']);
const ALIGNS = new Set(['left', 'center', 'right']);
const V_ALIGNS = new Set(['top', 'center', 'bottom']);
const TEXT_SIZES = new Set(['heading-0', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'heading', 'normal', 'notation']);

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[ch]);
}

const textOf = (t) => (t && typeof t === 'object' && typeof t.content === 'string' ? t.content : typeof t === 'string' ? t : '');

const safeUrl = (url) => {
  const u = String(url ?? '').trim();
  return /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : null;
};

// ---------------------------------------------------------------------------------------------------
// Markdown

// Private-use characters delimit placeholders; any in the input are dropped so they cannot be forged.
const PH_OPEN = '\uE000';
const PH_CLOSE = '\uE001';
const PH_RE = /\uE000(\d+)\uE001/g;

const NAMED_ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntity(body) {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? null;
}

/**
 * Lark card markdown → HTML. `mentionName(openId)` names `<at id=…>` mentions; unknown ids show the id.
 * Returns block HTML (paragraph lines separated by <br>, list lines as <ul>/<ol>).
 */
export function renderMarkdown(content, options = {}) {
  const mentionName = typeof options.mentionName === 'function' ? options.mentionName : () => undefined;
  const slots = [];
  const slot = (html) => `${PH_OPEN}${slots.push(html) - 1}${PH_CLOSE}`;
  const restore = (s) => {
    // Slots may hold other slots (a mention inside a link): resolve until none are left.
    let out = s;
    for (let depth = 0; depth < 8 && /\uE000\d+\uE001/.test(out); depth++) out = out.replace(PH_RE, (_, i) => slots[Number(i)] ?? '');
    return out.replace(/[\uE000\uE001]/g, '');
  };

  let src = String(content ?? '').replace(/[\uE000\uE001]/g, '').replace(/\r\n?/g, '\n');

  // 1. Markup recognised on the raw text, before anything is escaped.
  src = src.replace(/<at\s+(id|user_id|open_id|email)\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s<>"']+))\s*>([^<]*)<\/at>/gi, (_, _kind, a, b, c, inner) => {
    const id = (a ?? b ?? c ?? '').trim();
    if (id === 'all') return slot('<span class="md-at md-at-all">@所有人</span>');
    const name = mentionName(id) || inner.trim();
    return slot(`<span class="md-at" data-open-id="${escapeHtml(id)}">@${escapeHtml(name || id)}</span>`);
  });
  src = src.replace(/<font\s+color\s*=\s*(?:'([^'<>]*)'|"([^"<>]*)"|([^\s<>'"]+))\s*>/gi, (_, a, b, c) => {
    const color = String(a ?? b ?? c ?? '').trim().toLowerCase();
    return `${PH_OPEN}F${FONT_COLORS.has(color) ? color : ''}${PH_CLOSE}`;
  });
  src = src.replace(/<\/font\s*>/gi, `${PH_OPEN}/F${PH_CLOSE}`);
  // Entities stand for literal characters, immune to markdown (escapeMarkdown relies on &#91; &#93;).
  src = src.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, body) => {
    const ch = decodeEntity(body);
    return ch === null ? whole : slot(escapeHtml(ch));
  });

  // 2. Lines: lists, with indented continuation lines kept inside the list item.
  const lines = src.split('\n');
  const blocks = [];
  let list = null; // { kind: 'ul' | 'ol', items: string[][] }
  const flushList = () => {
    if (list) blocks.push({ list });
    list = null;
  };
  for (const line of lines) {
    const bullet = /^\s{0,3}[-*+]\s+(.*)$/.exec(line);
    const ordered = /^\s{0,3}(\d{1,3})[.)]\s+(.*)$/.exec(line);
    if (bullet && !/^\s*([-*_])\s*\1\s*\1[\s\-*_]*$/.test(line)) {
      if (!list || list.kind !== 'ul') {
        flushList();
        list = { kind: 'ul', items: [] };
      }
      list.items.push([bullet[1]]);
    } else if (ordered) {
      if (!list || list.kind !== 'ol') {
        flushList();
        list = { kind: 'ol', start: Number(ordered[1]), items: [] };
      }
      list.items.push([ordered[2]]);
    } else if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1].push(line.trim());
    } else if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      flushList();
      blocks.push({ hr: true });
    } else {
      flushList();
      blocks.push({ line });
    }
  }
  flushList();

  // 3. Inline formatting per line; <font> spans left open at a line end are closed and reopened.
  const fontStack = [];
  const inline = (raw) => {
    const reopen = fontStack.map((c) => `<span class="md-font${c ? ` md-font-${c}` : ''}">`).join('');
    let s = raw;
    // Code spans: their content is literal.
    s = s.replace(/`([^`\n]+)`/g, (_, code) => slot(`<code class="md-code">${escapeHtml(code.replace(/\uE000\/?F[a-z]*\uE001/g, ''))}</code>`));
    // Links: [text](url), http(s) only.
    s = s.replace(/\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g, (whole, text, url) => {
      const href = safeUrl(url);
      const label = formatInline(escapeHtml(text));
      if (!href) return slot(`<span class="md-link-blocked">${label}</span>`);
      return slot(`<a class="md-link" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>`);
    });
    let html = formatInline(escapeHtml(s));
    // Font spans, balanced within the line.
    html = html.replace(/\uE000(\/?)F([a-z]*)\uE001/g, (_, close, color) => {
      if (close) {
        if (!fontStack.length) return '';
        fontStack.pop();
        return '</span>';
      }
      fontStack.push(color);
      return `<span class="md-font${color ? ` md-font-${color}` : ''}">`;
    });
    return reopen + html + '</span>'.repeat(fontStack.length);
  };

  const parts = [];
  let paragraph = [];
  const flushParagraph = () => {
    if (paragraph.length) parts.push(`<p class="md-p">${paragraph.join('<br>')}</p>`);
    paragraph = [];
  };
  for (const block of blocks) {
    if (block.list) {
      flushParagraph();
      const { kind, items, start } = block.list;
      const startAttr = kind === 'ol' && start !== 1 ? ` start="${start}"` : '';
      parts.push(`<${kind} class="md-list"${startAttr}>${items.map((item) => `<li>${item.map(inline).join('<br>')}</li>`).join('')}</${kind}>`);
    } else if (block.hr) {
      flushParagraph();
      parts.push('<hr class="md-hr">');
    } else {
      paragraph.push(inline(block.line));
    }
  }
  flushParagraph();
  return restore(parts.join(''));
}

/** Bold, strike and italic on already-escaped text (placeholders pass through untouched). */
function formatInline(html) {
  return html
    .replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/~~(?=\S)([^~]*?\S)~~/g, '<del>$1</del>')
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?!\*)/g, '$1<em>$2</em>');
}

// ---------------------------------------------------------------------------------------------------
// Card

/**
 * @param {object} card Lark card JSON 2.0 (as sent by the bot).
 * @param {{ mentionName?: (openId: string) => string | undefined }} [options]
 * @returns {{ html: string, unknownTags: string[] }}
 */
export function renderCard(card, options = {}) {
  const unknownTags = [];
  const ctx = { options, unknownTags, inForm: null };
  const c = card && typeof card === 'object' ? card : {};
  const config = c.config && typeof c.config === 'object' ? c.config : {};
  const width = ['fill', 'compact', 'default'].includes(config.width_mode) ? config.width_mode : 'default';
  const elements = Array.isArray(c.body?.elements) ? c.body.elements : Array.isArray(c.elements) ? c.elements : [];
  const html =
    `<div class="lark-card width-${width}">` +
    renderHeader(c.header) +
    `<div class="card-body">${renderElements(elements, ctx)}</div>` +
    '</div>';
  return { html, unknownTags };
}

function renderHeader(header) {
  if (!header || typeof header !== 'object') return '';
  const template = TEMPLATES.has(header.template) ? header.template : 'default';
  const tags = Array.isArray(header.text_tag_list)
    ? header.text_tag_list
        .map((t) => {
          const color = TAG_COLORS.has(t?.color) ? t.color : 'neutral';
          return `<span class="card-tag tag-${color}">${escapeHtml(textOf(t?.text))}</span>`;
        })
        .join('')
    : '';
  const subtitle = textOf(header.subtitle);
  return (
    `<div class="card-header tpl-${template}">` +
    `<div class="card-title-row"><span class="card-title">${escapeHtml(textOf(header.title))}</span>${tags ? `<span class="card-tags">${tags}</span>` : ''}</div>` +
    (subtitle ? `<div class="card-subtitle">${escapeHtml(subtitle)}</div>` : '') +
    '</div>'
  );
}

function renderElements(elements, ctx) {
  if (!Array.isArray(elements)) return '';
  return elements.map((el) => renderElement(el, ctx)).join('');
}

function unknown(tag, ctx) {
  const name = typeof tag === 'string' && tag ? tag : '（无标签）';
  ctx.unknownTags.push(name);
  return `<div class="card-unknown">[未支持的组件：${escapeHtml(name)}]</div>`;
}

function renderElement(el, ctx) {
  if (!el || typeof el !== 'object') return unknown(undefined, ctx);
  switch (el.tag) {
    case 'markdown': {
      const align = ALIGNS.has(el.text_align) ? ` align-${el.text_align}` : '';
      const size = TEXT_SIZES.has(el.text_size) ? ` size-${el.text_size}` : '';
      return `<div class="card-md${align}${size}">${renderMarkdown(el.content, ctx.options)}</div>`;
    }
    case 'hr':
      return '<hr class="card-hr">';
    case 'div': {
      const text = el.text;
      const align = ALIGNS.has(el.text_align) ? ` align-${el.text_align}` : '';
      if (text && text.tag === 'lark_md') return `<div class="card-div card-md${align}">${renderMarkdown(text.content, ctx.options)}</div>`;
      return `<div class="card-div card-text${align}">${escapeHtml(textOf(text)).replace(/\r?\n/g, '<br>')}</div>`;
    }
    case 'column_set':
      return renderColumnSet(el, ctx);
    case 'column':
      // A bare column outside a column_set: render its content in a one-column row.
      return renderColumnSet({ columns: [el] }, ctx);
    case 'button':
      return renderButton(el);
    case 'form':
      return renderForm(el, ctx);
    case 'input':
      return renderInput(el);
    case 'select_static':
      return renderSelect(el, false);
    case 'multi_select_static':
      return renderSelect(el, true);
    case 'date_picker':
      return renderDatePicker(el);
    case 'img': {
      const alt = textOf(el.alt) || textOf(el.title) || '图片';
      return `<div class="card-img" role="img" aria-label="${escapeHtml(alt)}"><span class="card-img-icon" aria-hidden="true">图片</span><span class="card-img-alt">${escapeHtml(alt)}</span></div>`;
    }
    default:
      return unknown(el.tag, ctx);
  }
}

function renderColumnSet(el, ctx) {
  const mode = FLEX_MODES.has(el.flex_mode) ? el.flex_mode : 'none';
  const gap = /^(\d{1,2})px$/.exec(String(el.horizontal_spacing ?? ''));
  const style = gap ? ` style="gap:${Number(gap[1])}px"` : '';
  const columns = Array.isArray(el.columns) ? el.columns : [];
  const cols = columns
    .map((col) => {
      if (!col || typeof col !== 'object' || col.tag !== 'column') return unknown(col?.tag, ctx);
      const auto = col.width === 'auto';
      const weight = Number.isInteger(col.weight) && col.weight > 0 && col.weight <= 10 ? col.weight : 1;
      const valign = V_ALIGNS.has(col.vertical_align) ? ` valign-${col.vertical_align}` : '';
      const colStyle = auto ? '' : ` style="flex:${weight} 1 0"`;
      return `<div class="card-col ${auto ? 'col-auto' : 'col-weighted'}${valign}"${colStyle}>${renderElements(col.elements, ctx)}</div>`;
    })
    .join('');
  return `<div class="card-cols flex-${mode}"${style}>${cols}</div>`;
}

function renderButton(el) {
  const type = BUTTON_TYPES.has(el.type) ? el.type : 'default';
  const label = textOf(el.text);
  const attrs = [
    'type="button"',
    `class="card-btn btn-${type}"`,
    'data-testid="card-button"',
    `data-label="${escapeHtml(label)}"`,
  ];
  const behaviors = Array.isArray(el.behaviors) ? el.behaviors : [];
  const callback = behaviors.find((b) => b && b.type === 'callback' && b.value && typeof b.value === 'object');
  // JSON 1.0 style `value` still appears as a historical property on some components.
  const value = callback ? callback.value : el.value && typeof el.value === 'object' ? el.value : null;
  if (value) attrs.push(`data-value="${escapeHtml(JSON.stringify(value))}"`);
  const openUrl = behaviors.find((b) => b && b.type === 'open_url');
  const url = openUrl ? safeUrl(openUrl.default_url ?? openUrl.pc_url) : null;
  if (url) attrs.push(`data-url="${escapeHtml(url)}"`);
  if (typeof el.name === 'string' && el.name) attrs.push(`data-name="${escapeHtml(el.name)}"`);
  if (el.form_action_type === 'submit' || el.form_action_type === 'reset') attrs.push(`data-form-action="${el.form_action_type}"`);
  if (el.confirm && typeof el.confirm === 'object') {
    attrs.push(`data-confirm-title="${escapeHtml(textOf(el.confirm.title))}"`);
    attrs.push(`data-confirm-text="${escapeHtml(textOf(el.confirm.text))}"`);
  }
  if (el.disabled) attrs.push('disabled');
  const hover = textOf(el.hover_tips);
  if (hover) attrs.push(`title="${escapeHtml(hover)}"`);
  return `<button ${attrs.join(' ')}>${escapeHtml(label)}</button>`;
}

function renderForm(el, ctx) {
  const inner = renderElements(el.elements, { ...ctx, inForm: el.name });
  return `<form class="card-form" data-name="${escapeHtml(el.name ?? '')}" novalidate>${inner}</form>`;
}

const fieldAttrs = (el, kind, label) => {
  const attrs = [`name="${escapeHtml(el.name ?? '')}"`, `data-field="${kind}"`, `data-label="${escapeHtml(label)}"`];
  if (el.required) attrs.push('required', 'data-required="true"');
  if (el.disabled) attrs.push('disabled');
  return attrs;
};

const labelHtml = (text, required) =>
  text ? `<span class="card-label">${escapeHtml(text)}${required ? '<span class="card-required" aria-hidden="true">*</span>' : ''}</span>` : '';

function renderInput(el) {
  const label = textOf(el.label);
  const placeholder = textOf(el.placeholder);
  const attrs = fieldAttrs(el, 'input', label || placeholder || el.name || '');
  if (placeholder) attrs.push(`placeholder="${escapeHtml(placeholder)}"`);
  if (Number.isInteger(el.max_length) && el.max_length > 0) attrs.push(`maxlength="${el.max_length}"`);
  const value = typeof el.default_value === 'string' ? el.default_value : '';
  const control =
    el.input_type === 'multiline_text'
      ? `<textarea class="card-input card-textarea" rows="${Number.isInteger(el.rows) && el.rows > 0 && el.rows <= 20 ? el.rows : 3}" ${attrs.join(' ')}>${escapeHtml(value)}</textarea>`
      : `<input class="card-input" type="${el.input_type === 'password' ? 'password' : 'text'}" value="${escapeHtml(value)}" ${attrs.join(' ')}>`;
  return `<label class="card-field">${labelHtml(label, el.required)}${control}</label>`;
}

function renderSelect(el, multiple) {
  const placeholder = textOf(el.placeholder);
  const options = Array.isArray(el.options) ? el.options : [];
  const selected = new Set(multiple ? (Array.isArray(el.selected_values) ? el.selected_values.map(String) : []) : el.initial_option != null ? [String(el.initial_option)] : []);
  const attrs = fieldAttrs(el, multiple ? 'multi_select' : 'select', placeholder || el.name || '');
  if (multiple) attrs.push('multiple', `size="${Math.min(Math.max(options.length, 2), 6)}"`);
  const hasSelection = options.some((o) => selected.has(String(o?.value)));
  const first = multiple
    ? ''
    : `<option value=""${hasSelection ? '' : ' selected'}${el.required ? ' disabled' : ''}>${escapeHtml(placeholder || '请选择')}</option>`;
  const opts = options
    .map((o) => {
      const v = String(o?.value ?? '');
      return `<option value="${escapeHtml(v)}"${selected.has(v) ? ' selected' : ''}>${escapeHtml(textOf(o?.text))}</option>`;
    })
    .join('');
  const label = multiple && placeholder ? labelHtml(placeholder, el.required) : el.required && placeholder ? labelHtml(placeholder, true) : '';
  return `<label class="card-field">${label}<select class="card-select" ${attrs.join(' ')}>${first}${opts}</select></label>`;
}

function renderDatePicker(el) {
  const placeholder = textOf(el.placeholder);
  const initial = typeof el.initial_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(el.initial_date.slice(0, 10)) ? el.initial_date.slice(0, 10) : '';
  const attrs = fieldAttrs(el, 'date', placeholder || el.name || '');
  return `<label class="card-field">${labelHtml(placeholder || '日期', el.required)}<input class="card-input card-date" type="date" value="${initial}" ${attrs.join(' ')}></label>`;
}

// ---------------------------------------------------------------------------------------------------
// Forms

/**
 * Builds a card callback's `form_value` from the fields of a form, as Lark does: inputs → string,
 * select_static → option value, multi_select_static → array of values, date_picker → `YYYY-MM-DD +0800`.
 * Inputs are always present (possibly ""); selects and dates with nothing chosen are left out.
 * `missing` lists the labels of required fields left empty (blank text counts as empty).
 * @param {{ name: string, kind: 'input'|'select'|'multi_select'|'date', value: string | string[], required?: boolean, label?: string }[]} fields
 * @returns {{ formValue: Record<string, string | string[]>, missing: string[] }}
 */
export function toFormValue(fields) {
  const formValue = {};
  const missing = [];
  for (const f of fields) {
    if (!f || !f.name) continue;
    const empty = Array.isArray(f.value) ? f.value.length === 0 : String(f.value ?? '').trim() === '';
    if (empty && f.required) missing.push(f.label || f.name);
    if (empty && f.kind !== 'input') continue;
    if (f.kind === 'multi_select') formValue[f.name] = (Array.isArray(f.value) ? f.value : [f.value]).map(String);
    else if (f.kind === 'date') formValue[f.name] = `${String(f.value).slice(0, 10)} +0800`;
    else formValue[f.name] = String(f.value ?? '');
  }
  return { formValue, missing };
}
