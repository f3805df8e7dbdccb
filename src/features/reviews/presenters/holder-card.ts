import { actionButton, buttonRow, card, divider, markdown, md, plain } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { urgencyLabel } from '../domain/kinds.js';
import { DRAFT_MACHINE, STEP_LABEL, type DraftAction, type DraftStatus } from '../domain/states.js';
import type { DraftView, StepView } from '../view.js';
import { commentLines, draftHead, stepLine } from './chain-card.js';
import { block, inline, revisionText, when } from './text.js';

/**
 * The value every button of a step's card carries: which draft and step, at which version (a stale click is
 * told), and the revision the card showed — 通过 signs exactly that revision, never one drawn after it.
 */
export const stepValue = (v: DraftView, s: StepView) => ({ d: v.id, s: s.id, v: s.version, r: v.revision });

/**
 * The holder's card (DM): the draft, who sent it and when, what the earlier levels said, and — while the
 * level is theirs — 通过 / 退回修改 / 转交 / 加签. Once the level has moved on, the same card shows where
 * the draft is now, with no buttons.
 */
export function presentHolderCard(v: DraftView, stepId: string): Card {
  const s = v.steps.find((x) => x.id === stepId);
  if (!s) return presentGone(v);
  const status = v.status as DraftStatus;
  const mine = s.status === 'current' && status === 'reviewing';
  const reached = s.reachedAt ? when(s.reachedAt) : '';
  const elements: CardElement[] = [markdown(draftHead(v)), markdown(md`**审核级别**：${s.label}（${s.personName}）${reached ? ` · ${reached} 送达` : ''}`)];
  if (s.transferredFrom) elements.push(markdown(md`由${s.transferredFrom}转交，理由：${s.transferReason}`));
  const comments = commentLines(v, s.position);
  if (comments.length) elements.push(markdown(`**前几级意见**\n${comments.join('\n')}`));
  elements.push(divider(), markdown(v.steps.map((x, i) => stepLine(x, i, v.now)).join('\n')));
  if (mine) {
    const value = stepValue(v, s);
    // The buttons are the holder's acts the machine allows in this state (a form asks the 退回 comment).
    const buttons: Partial<Record<DraftAction, CardElement>> = {
      // 通过 submits the optional 审核意见 with it (the next levels read it on their cards).
      approve: {
        tag: 'form',
        name: 'approve',
        elements: [
          { tag: 'input', name: 'comment', label: plain('审核意见（选填）'), required: false, input_type: 'multiline_text', max_length: 1000 },
          {
            tag: 'button',
            name: 'approve_submit',
            text: plain(DRAFT_MACHINE.actionLabel('approve')),
            type: 'primary',
            form_action_type: 'submit',
            confirm: { title: plain('确认通过'), text: plain(`确认${s.label}审核通过${v.sourceType === 'docx' ? '（以文档当前版本为准）' : ''}？`) },
            behaviors: [{ type: 'callback', value: { a: 'rv.approve', ...value } }],
          },
        ],
      },
      return: actionButton(DRAFT_MACHINE.actionLabel('return'), 'rv.return.open', value, { type: 'danger' }),
      transfer: actionButton(DRAFT_MACHINE.actionLabel('transfer'), 'rv.transfer.open', value),
      add_reviewer: actionButton(DRAFT_MACHINE.actionLabel('add_reviewer'), 'rv.add.open', value),
    };
    const allowed = DRAFT_MACHINE.allowed(status, { comment: '（表单中填写）' }).flatMap((a) => (buttons[a] ? [buttons[a]] : []));
    if (buttons.approve && allowed.includes(buttons.approve)) elements.push(buttons.approve);
    elements.push(buttonRow(allowed.filter((b) => b !== buttons.approve)));
  } else {
    const mineNow = STEP_LABEL[s.status] ?? s.status;
    const rev = s.revision !== null ? `（${revisionText(s.revision)}）` : '';
    elements.push(
      markdown(`**您的审核**：${mineNow}${rev}${s.comment ? `，意见：${block(s.comment, 200)}` : ''}\n**文稿状态**：${DRAFT_MACHINE.stateLabel(status)}`),
    );
  }
  return card({
    title: mine ? `请审核 · ${v.number}` : `文稿审核 · ${v.number}`,
    subtitle: `${urgencyLabel(v.urgency)} · ${mine ? '待您审核' : DRAFT_MACHINE.stateLabel(status)}`,
    template: mine ? (v.urgency === 'extra_urgent' ? 'red' : v.urgency === 'urgent' ? 'orange' : 'blue') : 'grey',
    summary: `${v.number} ${mine ? '待您审核' : DRAFT_MACHINE.stateLabel(status)}`,
    elements,
  });
}

function presentGone(v: DraftView): Card {
  return card({ title: `文稿审核 · ${v.number}`, template: 'grey', elements: [markdown(draftHead(v)), markdown('该审核级别已不在流程中。')] });
}

/**
 * Re-confirm (a sign-off voided because the draft moved on): revision N → M, who edited last, and what
 * changed where the text could be read; one button to confirm on the current revision.
 */
export function presentReconfirmCard(v: DraftView, stepId: string): Card {
  const s = v.steps.find((x) => x.id === stepId);
  if (!s) return presentGone(v);
  const note = s.voided;
  const open = s.status === 'voided' && v.status !== 'approved' && v.status !== 'withdrawn';
  const elements: CardElement[] = [markdown(draftHead(v))];
  if (note) {
    elements.push(
      markdown(
        `您（${inline(s.label)}）在${revisionText(note.from)}上的签署因文稿修改已失效：${revisionText(note.from)} → ${revisionText(note.to)}` +
          (note.editor ? md`，最后修改人：${note.editor}` : '') +
          '。',
      ),
    );
    if (note.diff.length) {
      elements.push(markdown(`**修改内容**\n${note.diff.map(diffLine).join('\n')}${note.diffTruncated ? '\n……（仅列出前几处）' : ''}`));
    } else elements.push(markdown('（未能读取文稿内容，请打开文稿查看修改。）'));
  }
  if (open) {
    elements.push(
      actionButton(
        `确认（${revisionText(v.revision)}）`,
        'rv.reconfirm',
        { ...stepValue(v, s), r: v.revision },
        {
          type: 'primary',
          confirm: { title: '重新确认', text: `确认文稿${revisionText(v.revision)}无误？` },
        },
      ),
    );
  } else {
    elements.push(
      markdown(s.status === 'approved' ? `已重新确认（${revisionText(s.revision)}）。` : `文稿状态：${DRAFT_MACHINE.stateLabel(v.status as DraftStatus)}`),
    );
  }
  return card({
    title: `请重新确认 · ${v.number}`,
    subtitle: open ? '签署已失效' : '已处理',
    template: open ? 'orange' : 'grey',
    summary: `${v.number} 请重新确认`,
    elements: [...elements],
  });
}

/** A diff line as people read it (a leading "- " would render as a list item): 删 in red, 增 in green. */
function diffLine(line: string): string {
  const text = inline(line.slice(2, 202));
  return line.startsWith('- ') ? `<font color='red'>删：${text}</font>` : `<font color='green'>增：${text}</font>`;
}

/** The card of a level its holder passed on (转交): who has it now; no buttons. */
export function presentTransferredAway(v: DraftView, s: StepView): Card {
  return card({
    title: `文稿审核 · ${v.number}`,
    subtitle: '已转交',
    template: 'grey',
    elements: [markdown(draftHead(v)), markdown(md`该文稿的${s.label}审核已转交${s.personName}办理。`)],
  });
}
