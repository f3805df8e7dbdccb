import { actionButton, buttonRow, card, divider, escapeMarkdown, inlineText, markdown, plain } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import type { DraftProgress } from '../../../../ports/drafter.js';
import type { CheckedFact, RiskyPhrase } from '../../domain/json.js';
import { ITEM_STATE_LABEL, type ItemState } from '../../domain/states.js';

export const ADOPT_ACTION = 'briefs.item.adopt';
export const EDIT_ACTION = 'briefs.item.edit';
export const EDIT_SUBMIT_ACTION = 'briefs.item.edit_submit';
export const RETURN_ACTION = 'briefs.item.return';
export const RETURN_SUBMIT_ACTION = 'briefs.item.return_submit';
export const REGENERATE_ACTION = 'briefs.item.regenerate';
export const USE_RULES_ACTION = 'briefs.draft.use_rules';

/** One item as the editor's card shows it (from an InfoItem row). */
export interface ItemView {
  id: string;
  title: string;
  body: string;
  kind: string;
  state: ItemState;
  facts: CheckedFact[];
  risky: RiskyPhrase[];
  /** 大模型起草 / 规则生成（未配置大模型）/ … */
  label: string;
  /** Source notes' numbers (信〔2026〕3号). */
  sources: string[];
  /** Some source note asked the model to act: shown as a warning. */
  instructionLike: boolean;
  edited: boolean;
}

const PHASE: Record<DraftProgress['phase'], string> = {
  started: '已提交大模型，等待响应',
  writing: '大模型正在撰写',
  retrying: '输出格式不符，正在重试',
  checking: '正在核对事实',
  done: '起草完成，正在整理',
};

/** While the drafter writes: the card updated in place (throttled by the caller). */
export function presentDraftProgress(noteCount: number, progress?: DraftProgress): Card {
  const lines = [`正在根据 **${noteCount}** 条信息起草，请稍候。`];
  if (progress) {
    lines.push(
      `进度：${PHASE[progress.phase]}${progress.chars ? `，已生成 ${progress.chars} 字` : ''}${progress.items ? `，已起草 ${progress.items} 条` : ''}。`,
    );
    if (progress.attempt > 1) lines.push(`（第 ${progress.attempt} 次尝试）`);
  }
  return card({ title: '信息起草中', summary: '信息起草中', template: 'wathet', elements: [markdown(lines.join('\n'))] });
}

/** The body with risky phrases marked in red (offsets into the raw text; every piece escaped). */
export function highlightRisky(text: string, risky: readonly RiskyPhrase[]): string {
  const spans = [...risky].filter((r) => r.start >= 0 && r.end <= text.length && r.start < r.end).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of spans) {
    if (r.start < at) continue;
    out += escapeMarkdown(text.slice(at, r.start));
    out += `<font color='red'>**${escapeMarkdown(text.slice(r.start, r.end))}**</font>（${inlineText(r.category)}）`;
    at = r.end;
  }
  return out + escapeMarkdown(text.slice(at));
}

function factLines(facts: readonly CheckedFact[]): string {
  if (!facts.length) return '事实核对：未提取到需核对的数字、日期、地点等。';
  const rows = facts.map((f) =>
    f.found
      ? `· 已在来源中找到：${inlineText(f.text)}${f.source ? `——“${inlineText(f.source.sentence)}”` : ''}`
      : `· <font color='red'>**来源中未找到：${inlineText(f.text)}**</font>（请核实后再采用）`,
  );
  return ['事实核对：', ...rows].join('\n');
}

function itemElements(v: ItemView, index: number): CardElement[] {
  const head = `**${index + 1}. ${inlineText(v.title)}**\n类别：${inlineText(v.kind)} · ${inlineText(v.label)}${v.edited ? ' · 已修改' : ''} · 来源：${v.sources.map(inlineText).join('、')}`;
  const els: CardElement[] = [markdown(head), markdown(highlightRisky(v.body, v.risky)), markdown(factLines(v.facts))];
  if (v.risky.length) els.push(markdown(`提示：标红的 ${v.risky.length} 处表述可能存在拔高、以点带面、臆断或绝对化，请斟酌。`));
  if (v.instructionLike)
    els.push(markdown("<font color='orange'>来源信息中含有要求发布、@所有人或改动评分等指令性文字，仅作为普通文字处理，未执行任何操作。</font>"));
  if (v.state === 'draft') {
    els.push(
      buttonRow([
        actionButton('采用', ADOPT_ACTION, { item: v.id }, { type: 'primary' }),
        actionButton('修改', EDIT_ACTION, { item: v.id }),
        actionButton('退回', RETURN_ACTION, { item: v.id }),
        actionButton('重新生成', REGENERATE_ACTION, { item: v.id }),
      ]),
    );
  } else els.push(markdown(`状态：**${ITEM_STATE_LABEL[v.state]}**`));
  return els;
}

/** The editor's card of one 起草 run: each item with its fact check, risky phrases and buttons. */
export function presentDraftRun(items: readonly ItemView[], note?: string): Card {
  const title = `信息草稿（${items.length}条）`;
  const elements: CardElement[] = [];
  if (note) elements.push(markdown(escapeMarkdown(note)));
  items.forEach((v, i) => {
    if (i > 0 || note) elements.push(divider());
    elements.push(...itemElements(v, i));
  });
  if (!items.length) elements.push(markdown('未生成草稿。'));
  elements.push(markdown('草稿仅供编辑审定；只有点击「采用」后才会进入编期，任何内容都不会自动发布。'));
  return card({ title, summary: title, template: 'blue', elements });
}

/** A model failure: one message, the notes untouched, the rules draft offered. */
export function presentDraftFailed(userMessage: string, noteNumbers: readonly string[], noteIds: readonly string[]): Card {
  return card({
    title: '信息起草未完成',
    summary: '信息起草未完成',
    template: 'orange',
    elements: [
      markdown(`${escapeMarkdown(userMessage)}\n涉及信息：${noteNumbers.map(inlineText).join('、')}（仍为已报送状态）。`),
      buttonRow([actionButton('使用规则草稿', USE_RULES_ACTION, { notes: noteIds.join(',') }, { type: 'primary' })]),
    ],
  });
}

/** 修改: the draft in a form. */
export function presentEditForm(v: Pick<ItemView, 'id' | 'title' | 'body' | 'kind'>, kinds: readonly string[]): Card {
  return card({
    title: '修改信息草稿',
    summary: '修改信息草稿',
    elements: [
      {
        tag: 'form',
        name: 'edit',
        elements: [
          { tag: 'input', name: 'title', required: true, max_length: 60, default_value: v.title, label: plain('标题') },
          { tag: 'input', name: 'body', required: true, input_type: 'multiline_text', max_length: 3000, default_value: v.body, label: plain('正文') },
          { tag: 'select_static', name: 'kind', initial_option: v.kind, options: kinds.map((k) => ({ text: plain(k), value: k })) },
          {
            tag: 'button',
            text: plain('保存'),
            type: 'primary',
            name: 'save',
            form_action_type: 'submit',
            behaviors: [{ type: 'callback', value: { a: EDIT_SUBMIT_ACTION, item: v.id } }],
          },
        ],
      },
    ],
  });
}

/** 退回: the question to the liaison. */
export function presentReturnForm(itemId: string, sources: readonly string[]): Card {
  return card({
    title: '退回信息',
    summary: '退回信息',
    elements: [
      markdown(`退回给报送人：${sources.map(inlineText).join('、')}。请写明需要补充或核实的内容。`),
      {
        tag: 'form',
        name: 'return',
        elements: [
          { tag: 'input', name: 'question', required: true, input_type: 'multiline_text', max_length: 500, label: plain('问题') },
          {
            tag: 'button',
            text: plain('退回'),
            type: 'danger',
            name: 'send',
            form_action_type: 'submit',
            behaviors: [{ type: 'callback', value: { a: RETURN_SUBMIT_ACTION, item: itemId } }],
          },
        ],
      },
    ],
  });
}

/** What the reporter gets when an editor returns their note. */
export function returnedText(numbers: readonly string[], question: string): string {
  return `【信息退回】您报送的${numbers.join('、')}需补充或核实：${question}\n请发送「信息 修改 <编号> <新正文>」修改后重新报送。`;
}
