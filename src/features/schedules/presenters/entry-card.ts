import { actionButton, buttonRow, card, markdown } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import type { Entry } from '../domain/entry.js';
import { entryLines, leaderLabel, type LeaderName } from './text.js';

export const ENTRY_EDIT_ACTION = 'sch.entry.edit';
export const ENTRY_CANCEL_ACTION = 'sch.entry.cancel';
export const ENTRY_CONFIRM_ACTION = 'sch.entry.confirm';

/**
 * A saved entry, for its keepers: 修改 opens the form, 取消日程 asks once more, 确认日程 turns 拟定 into 确定.
 * The buttons name the entry and the version shown; the handler checks the clicker and compares the version.
 */
export function presentEntryCard(e: Entry, leader: LeaderName, dateText: string, o: { title?: string; note?: string } = {}): Card {
  const elements: CardElement[] = [markdown(entryLines(e, leader, dateText).join('\n'))];
  if (o.note) elements.push(markdown(`<font color='grey'>${o.note}</font>`));
  if (e.status !== 'cancelled') {
    const value = { e: e.id, v: e.version };
    elements.push(
      buttonRow([
        ...(e.status === 'draft' ? [actionButton('确认日程', ENTRY_CONFIRM_ACTION, value, { type: 'primary' })] : []),
        actionButton('修改', ENTRY_EDIT_ACTION, value),
        actionButton('取消日程', ENTRY_CANCEL_ACTION, value, {
          type: 'danger',
          confirm: { title: '取消日程', text: '确定取消这项日程吗？取消后各群的日程将同步更新。' },
        }),
      ]),
    );
  }
  const title = o.title ?? (e.status === 'cancelled' ? '日程已取消' : '日程已保存');
  return card({ title, subtitle: leaderLabel(leader), template: e.status === 'cancelled' ? 'grey' : 'green', elements });
}

/** Several entries matched 日程 修改/取消: one short card each way to pick. */
export function presentEntryChoice(title: string, rows: { entry: Entry; text: string }[]): Card {
  const elements: CardElement[] = [markdown('找到以下日程，请选择要操作的一项：')];
  for (const { entry, text } of rows) {
    const value = { e: entry.id, v: entry.version };
    elements.push(markdown(text.replace(/[&<>[\]]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '[': '&#91;', ']': '&#93;' })[ch]!)));
    elements.push(
      buttonRow([
        actionButton('修改', ENTRY_EDIT_ACTION, value),
        actionButton('取消日程', ENTRY_CANCEL_ACTION, value, { type: 'danger', confirm: { title: '取消日程', text: '确定取消这项日程吗？' } }),
      ]),
    );
  }
  return card({ title, template: 'blue', elements });
}
