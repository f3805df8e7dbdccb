import { actionButton, card, divider, markdown, md, trusted } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { kindLabel, urgencyLabel } from '../domain/kinds.js';
import { ACTION_LABEL, DRAFT_MACHINE, STEP_LABEL, type DraftStatus } from '../domain/states.js';
import type { DraftView, StepView, TimelineView } from '../view.js';
import { block, duration, inline, revisionText, when } from './text.js';

/** Who reads a chain card: the drafter (with 重新提交 when returned), a 审核 group, or a details answer. */
export type ChainAudience = 'drafter' | 'group' | 'detail';

/** Timeline kinds added after ACTION_LABEL was written (kept here so that table's owner need not change). */
const MORE_LABEL: Record<string, string> = { edited_after_close: '审核完成后修改' };

const TEMPLATE: Record<string, 'blue' | 'orange' | 'green' | 'grey'> = { reviewing: 'blue', returned: 'orange', approved: 'green', withdrawn: 'grey' };

export function draftSource(v: DraftView): string {
  if (v.sourceType === 'docx') return `[打开文稿](${encodeURI(v.docUrl)})（${revisionText(v.revision)}）`;
  return md`附件「${v.fileName || '文稿'}」（${trusted(revisionText(v.revision))}）`;
}

/**
 * The draft's head. `full: false` (the 审核 group): no document link and no 说明 — a group member is not
 * necessarily someone the view policy lets read the draft; they ask with 审核 <编号> and are answered per it.
 */
export function draftHead(v: DraftView, full = true): string {
  return [
    md`**${v.title}**`,
    md`${kindLabel(v.kind)} · ${urgencyLabel(v.urgency)} · 起草：${v.drafterName}（${v.unitName}） · ${when(v.submittedAt)} 提交`,
    ...(full ? [`文稿：${draftSource(v)}`, ...(v.note ? [md`说明：${v.note}`] : [])] : [`文稿：${revisionText(v.revision)}`]),
  ].join('\n');
}

/** One line per level: who, status (with the revision signed on), time taken. */
export function stepLine(s: StepView, i: number, now: Date): string {
  const status = STEP_LABEL[s.status] ?? s.status;
  const rev = s.revision !== null && (s.status === 'approved' || s.status === 'voided') ? `（${revisionText(s.revision)}）` : '';
  const took = s.reachedAt && s.status !== 'waiting' && s.status !== 'skipped' ? ` · 用时${duration(s.reachedAt, s.decidedAt ?? now)}` : '';
  const moved = s.transferredFrom ? md`（由${s.transferredFrom}转交）` : '';
  return `${i + 1}. ${md`**${s.label}** ${s.personName}`}${moved} · ${status}${rev}${took}`;
}

export function commentLines(v: DraftView, uptoPosition?: number): string[] {
  return v.steps
    .filter((s) => s.comment && (uptoPosition === undefined || s.position < uptoPosition))
    .map((s) => `${md`**${s.label} ${s.personName}**`}：${block(s.comment, 300)}`);
}

export function presentChainCard(v: DraftView, audience: ChainAudience, timeline: readonly TimelineView[] = []): Card {
  const status = v.status as DraftStatus;
  const holder = v.steps.find((s) => s.status === 'current');
  const statusLine =
    status === 'reviewing' && holder
      ? md`**当前**：${holder.label} ${holder.personName} 审核中`
      : status === 'returned'
        ? `**当前**：已退回起草人修改`
        : `**状态**：${DRAFT_MACHINE.stateLabel(status)}${v.closedAt ? `（${when(v.closedAt)}）` : ''}`;
  const reconfirm = v.steps.filter((s) => s.status === 'voided');
  const group = audience === 'group';
  const elements: CardElement[] = [
    markdown(draftHead(v, !group)),
    divider(),
    markdown([statusLine, ...v.steps.map((s, i) => stepLine(s, i, v.now))].join('\n')),
  ];
  if (reconfirm.length) {
    elements.push(
      markdown(`文稿已修改至${revisionText(v.revision)}，${reconfirm.map((s) => inline(`${s.label} ${s.personName}`)).join('、')}的签署已失效，待其重新确认。`),
    );
  }
  if (v.status === 'approved' && v.editedAfterClose !== undefined) {
    elements.push(
      markdown(
        `**请注意**：文稿于审核完成后被修改（现为${revisionText(v.editedAfterClose)}），与审核通过的${revisionText(v.revision)}不一致。印发文本请以审核通过的版本为准。`,
      ),
    );
  }
  // The group card shows the chain only: 意见 and 退回理由 are for those the view policy lets read them.
  const comments = group ? [] : commentLines(v);
  if (group) elements.push(markdown(md`文稿链接和审核意见请私信助手发送「审核 ${v.number}」查询（按查看权限答复）。`));
  if (comments.length) elements.push(markdown(`**审核意见**\n${comments.join('\n')}`));
  if (audience === 'drafter' && DRAFT_MACHINE.canApply('resubmit', status)) {
    elements.push(actionButton('重新提交（修改稿）', 'rv.resubmit', { d: v.id, v: v.version }, { type: 'primary' }));
  }
  if (audience === 'detail' && timeline.length) {
    const rows = timeline.map((t) => {
      const rev = t.revision !== undefined ? `（${revisionText(t.revision)}）` : '';
      const text = t.text ? `：${inline(t.text.length > 80 ? `${t.text.slice(0, 80)}…` : t.text)}` : '';
      return `${when(t.at)} ${inline(t.actorName)} ${ACTION_LABEL[t.kind] ?? MORE_LABEL[t.kind] ?? t.kind}${rev}${text}`;
    });
    elements.push(divider(), markdown(`**办理记录**\n${rows.join('\n')}`));
  }
  return card({
    title: `文稿审核 · ${v.number}`,
    subtitle: DRAFT_MACHINE.stateLabel(status),
    template: TEMPLATE[status] ?? 'blue',
    summary: `${v.number} ${DRAFT_MACHINE.stateLabel(status)}`,
    elements,
  });
}
