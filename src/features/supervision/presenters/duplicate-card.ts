import { actionButton, buttonRow, card, markdown } from '../../../cards/elements.js';
import type { Card } from '../../../cards/types.js';
import { blockText, inline } from './text.js';

export const DUPLICATE_CONFIRM_ACTION = 'sv.create.dup.confirm';
export const DUPLICATE_CANCEL_ACTION = 'sv.create.dup.cancel';

export interface DuplicateFacts {
  /** The item already in the ledger. */
  existingNumber: string;
  /** When it was entered, as people read it: 今天 10:00 / 昨天 16:30. */
  existingAt: string;
  content: string;
  unitName: string;
  /** 12月18日（周五） */
  deadline: string;
}

/**
 * The same item (content, unit, deadline) was entered within the last day: nothing is created until the
 * creator confirms. The buttons carry what to create (`draft`, resolved ids) and what made the request
 * (`once`), so a double click on 确认重复立项 creates one item.
 */
export function presentDuplicateConfirm(f: DuplicateFacts, value: { once: string; draft: string }): Card {
  return card({
    title: '重复立项提醒',
    template: 'orange',
    elements: [
      markdown(
        [
          `本事项与 **${inline(f.existingNumber)}**（${inline(f.existingAt)}立项）的工作内容、承办单位和完成时限相同，尚未立项。`,
          `**工作内容**：${blockText(f.content)}`,
          `**承办单位**：${inline(f.unitName)}`,
          `**完成时限**：${inline(f.deadline)}`,
          '如确需另立一项，请点击「确认重复立项」；否则请点击「取消」。',
        ].join('\n'),
      ),
      buttonRow([
        actionButton('确认重复立项', DUPLICATE_CONFIRM_ACTION, value, { type: 'primary' }),
        actionButton('取消', DUPLICATE_CANCEL_ACTION, { n: f.existingNumber }),
      ]),
    ],
  });
}

/** 取消: nothing was created; the card says so and offers nothing more to click. */
export function presentDuplicateCancelled(existingNumber: string): Card {
  return card({
    title: '已取消立项',
    template: 'grey',
    elements: [markdown(`未重复立项。原事项 **${inline(existingNumber)}** 照常办理，发送「督办 ${inline(existingNumber)}」可查看。`)],
  });
}
