/**
 * A structural check of Lark card JSON 2.0 as the Open API applies it: JSON 2.0 rejects unknown
 * properties and the removed 1.0 modules (`action`, `note`), forms live at the card root and name every
 * interactive child, callbacks carry objects, at most 200 components, at most 30 KB.
 * Returns the problems found (empty when the card is acceptable).
 */
const COMMON = ['tag', 'element_id', 'margin'];
const PROPS: Record<string, string[]> = {
  markdown: ['content', 'text_align', 'text_size', 'icon', 'href'],
  hr: [],
  div: ['text', 'icon', 'text_align'],
  button: [
    'text',
    'type',
    'size',
    'width',
    'icon',
    'hover_tips',
    'disabled',
    'disabled_tips',
    'confirm',
    'behaviors',
    'name',
    'form_action_type',
    'complex_interaction',
  ],
  column_set: ['horizontal_spacing', 'horizontal_align', 'flex_mode', 'background_style', 'columns', 'action'],
  column: ['width', 'weight', 'vertical_align', 'vertical_spacing', 'padding', 'background_style', 'elements', 'direction'],
  form: ['name', 'elements', 'direction', 'padding', 'vertical_spacing'],
  input: ['name', 'required', 'placeholder', 'default_value', 'max_length', 'input_type', 'label', 'label_position', 'width', 'rows', 'disabled', 'behaviors'],
  select_static: ['name', 'required', 'placeholder', 'initial_option', 'options', 'width', 'disabled', 'type', 'behaviors'],
  multi_select_static: ['name', 'required', 'placeholder', 'selected_values', 'options', 'width', 'disabled', 'type'],
  date_picker: ['name', 'required', 'placeholder', 'initial_date', 'width', 'disabled', 'behaviors'],
  img: ['img_key', 'alt', 'title', 'scale_type', 'size', 'preview', 'corner_radius', 'transparent'],
};
const INTERACTIVE_IN_FORM = new Set(['input', 'select_static', 'multi_select_static', 'date_picker', 'button']);
const TOP_LEVEL = new Set(['schema', 'config', 'header', 'body', 'card_link']);
const HEADER_TEMPLATES = new Set([
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
]);

export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_CARD_ELEMENTS = 200;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isPlainText = (v: unknown) => isObject(v) && (v.tag === 'plain_text' || v.tag === 'lark_md') && typeof v.content === 'string';

export function validateCard(cardJson: string): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(cardJson, 'utf8') > MAX_CARD_BYTES) problems.push(`card exceeds ${MAX_CARD_BYTES} bytes`);
  let card: unknown;
  try {
    card = JSON.parse(cardJson);
  } catch {
    return ['card is not valid JSON'];
  }
  if (!isObject(card)) return ['card is not an object'];
  if (card.schema !== '2.0') return ['schema must be "2.0" (this bot sends JSON 2.0 cards only)'];
  for (const k of Object.keys(card)) if (!TOP_LEVEL.has(k)) problems.push(`unknown top-level property ${k}`);
  if (isObject(card.config) && card.config.update_multi === false) problems.push('config.update_multi must be true for JSON 2.0');
  if (card.header !== undefined) {
    const h = card.header;
    if (!isObject(h) || !isPlainText(h.title)) problems.push('header.title must be plain_text');
    else if (h.template !== undefined && !HEADER_TEMPLATES.has(String(h.template))) problems.push(`unknown header template ${String(h.template)}`);
  }
  if (!isObject(card.body) || !Array.isArray(card.body.elements)) return [...problems, 'body.elements must be an array'];

  let count = 0;
  const ids = new Set<string>();
  const walk = (elements: unknown[], path: string, where: { root: boolean; form?: Set<string> }) => {
    elements.forEach((el, i) => {
      const at = `${path}[${i}]`;
      count++;
      if (!isObject(el) || typeof el.tag !== 'string') {
        problems.push(`${at}: element without a tag`);
        return;
      }
      const tag = el.tag;
      if (tag === 'action' || tag === 'note') {
        problems.push(`${at}: unsupported tag ${tag} in JSON 2.0`);
        return;
      }
      const allowed = PROPS[tag];
      if (!allowed) {
        problems.push(`${at}: unknown tag ${tag}`);
        return;
      }
      for (const k of Object.keys(el)) if (!allowed.includes(k) && !COMMON.includes(k)) problems.push(`${at}: ${tag} has unknown property ${k}`);
      if (typeof el.element_id === 'string') {
        if (!/^[A-Za-z][A-Za-z0-9_]{0,19}$/.test(el.element_id)) problems.push(`${at}: bad element_id`);
        if (ids.has(el.element_id)) problems.push(`${at}: duplicate element_id`);
        ids.add(el.element_id);
      }
      if (where.form && INTERACTIVE_IN_FORM.has(tag)) {
        if (typeof el.name !== 'string' || !el.name) problems.push(`${at}: ${tag} inside a form needs a name`);
        else if (where.form.has(el.name)) problems.push(`${at}: duplicate name ${el.name} in form`);
        else where.form.add(el.name);
      }
      switch (tag) {
        case 'markdown':
          if (typeof el.content !== 'string') problems.push(`${at}: markdown needs content`);
          break;
        case 'div':
          if (!isPlainText(el.text)) problems.push(`${at}: div needs text`);
          break;
        case 'button': {
          if (!isPlainText(el.text)) problems.push(`${at}: button needs text`);
          if (where.form && !el.form_action_type && !el.behaviors) problems.push(`${at}: button in a form needs form_action_type`);
          const behaviors = el.behaviors;
          if (behaviors !== undefined) {
            if (!Array.isArray(behaviors)) problems.push(`${at}: behaviors must be an array`);
            else
              for (const b of behaviors) {
                if (!isObject(b) || (b.type !== 'callback' && b.type !== 'open_url')) problems.push(`${at}: bad behavior`);
                else if (b.type === 'callback' && !isObject(b.value)) problems.push(`${at}: callback value must be an object`);
              }
          }
          break;
        }
        case 'column_set':
          if (!Array.isArray(el.columns)) problems.push(`${at}: column_set needs columns`);
          else
            el.columns.forEach((col, j) => {
              if (!isObject(col) || col.tag !== 'column' || !Array.isArray(col.elements)) {
                problems.push(`${at}.columns[${j}]: must be a column with elements`);
                return;
              }
              count++;
              for (const k of Object.keys(col))
                if (!PROPS.column!.includes(k) && !COMMON.includes(k)) problems.push(`${at}.columns[${j}]: unknown property ${k}`);
              walk(col.elements, `${at}.columns[${j}].elements`, { root: false, form: where.form });
            });
          break;
        case 'form': {
          if (!where.root) problems.push(`${at}: a form must sit at the card root`);
          if (typeof el.name !== 'string' || !el.name) problems.push(`${at}: form needs a name`);
          if (!Array.isArray(el.elements)) {
            problems.push(`${at}: form needs elements`);
            break;
          }
          const names = new Set<string>();
          walk(el.elements, `${at}.elements`, { root: false, form: names });
          const hasSubmit = JSON.stringify(el.elements).includes('"form_action_type":"submit"');
          if (!hasSubmit) problems.push(`${at}: form needs a submit button`);
          break;
        }
        case 'input':
        case 'select_static':
        case 'multi_select_static':
        case 'date_picker':
          if (typeof el.name !== 'string' || !el.name) problems.push(`${at}: ${tag} needs a name`);
          if ((tag === 'select_static' || tag === 'multi_select_static') && !Array.isArray(el.options)) problems.push(`${at}: ${tag} needs options`);
          break;
        default:
          break;
      }
    });
  };
  walk(card.body.elements, 'body.elements', { root: true });
  if (count > MAX_CARD_ELEMENTS) problems.push(`card has ${count} components (max ${MAX_CARD_ELEMENTS})`);
  return problems;
}
