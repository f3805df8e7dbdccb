import { allPurposeNames, purposeDescription, PURPOSE_NAMES, type Purpose } from '../purposes.js';
import { changesIn, type ImportSummary } from '../use-cases/import-directory.js';

const MAX_LINES = 50;

function capped(lines: string[]): string[] {
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `……另有 ${lines.length - MAX_LINES} 条未列出`] : lines;
}

/** The import result as plain text: the DM reply and the CLI output. */
export function formatImportSummary(s: ImportSummary): string {
  const out = [`人员名册导入完成（${s.fileName}）`];
  const parts = [`新增 ${s.created} 人`, `更新 ${s.updated} 人`, `无变化 ${s.unchanged} 人`];
  if (s.unitsCreated.length) parts.push(`新建单位 ${s.unitsCreated.length} 个（${s.unitsCreated.join('、')}）`);
  if (s.unitsUpdated.length) parts.push(`调整单位类型 ${s.unitsUpdated.length} 个`);
  if (s.linked) parts.push(`关联飞书账号 ${s.linked} 人`);
  out.push(`共读取 ${s.rows} 行：${parts.join('，')}。`);
  if (!changesIn(s)) out.push(s.errors.length ? '其余各行与现有记录一致，未做任何修改。' : '名册与现有记录一致，未做任何修改。');
  if (s.errors.length) {
    out.push('', `以下 ${s.errors.length} 行未导入，请修改后重新导入：`, ...capped(s.errors.map((e) => `第${e.row}行：${e.reason}`)));
  }
  if (s.warnings.length || s.notices.length) {
    out.push('', '提示：', ...s.notices, ...capped(s.warnings.map((w) => `第${w.row}行：${w.reason}`)));
  }
  return out.join('\n');
}

export function formatBindings(purposes: Purpose[]): string {
  if (!purposes.length) return `本群尚未绑定用途。管理员可发送「绑定 <用途>」，用途可选：${allPurposeNames()}。`;
  const lines = purposes.map((p) => `- ${PURPOSE_NAMES[p]}：${purposeDescription(p)}`);
  return `本群当前用途：\n${lines.join('\n')}\n如需解除，管理员可发送「解绑 <用途>」。`;
}
