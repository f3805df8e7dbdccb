import { card, inlineText, markdown } from '../../../../cards/elements.js';
import type { Card } from '../../../../cards/types.js';
import { KIND_LABEL, type Kind } from '../../domain/kinds.js';

export interface TemplateRow {
  kind: Kind;
  /** The chain as typed back (formatTemplate). */
  chain: string;
  stored: boolean;
}

/** 审核 流程: every kind's chain, saying which an admin set. */
export function presentTemplates(rows: readonly TemplateRow[], isAdmin: boolean): Card {
  const lines = rows.map((r) => `**${KIND_LABEL[r.kind]}**：${inlineText(r.chain)}${r.stored ? '' : '（默认）'}`);
  const help = isAdmin
    ? '修改：发送「审核 流程 设置 <种类> 科长 → 分管副主任 → 主任」；恢复默认：「审核 流程 恢复 <种类>」；也可私信发送文件名含「审核流程」的 Excel/CSV 文件（列：种类、流程）批量设置。'
    : '审核流程由管理员维护。';
  return card({ title: '文稿审核流程', elements: [markdown(lines.join('\n')), markdown(help)] });
}
