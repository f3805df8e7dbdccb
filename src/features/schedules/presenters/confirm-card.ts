import { actionButton, buttonRow, card, markdown } from '../../../cards/elements.js';
import type { Card } from '../../../cards/types.js';
import type { EntryFields } from '../domain/entry.js';
import { entryLines, inline, leaderLabel, type LeaderName } from './text.js';

export const CONFIRM_ACTION = 'sch.confirm';
export const EDIT_PROPOSAL_ACTION = 'sch.edit';
export const DISCARD_ACTION = 'sch.discard';

/** Another entry in the way, as this reader may see it. */
export interface ConflictLine {
  kind: 'leader' | 'place';
  leader: Pick<LeaderName, 'name' | 'title'>;
  /** visibleText of the other entry for this reader. */
  text: string;
  place: string;
}

export interface ConfirmFacts {
  proposalId: string;
  kind: 'add' | 'modify';
  fields: EntryFields;
  leader: LeaderName;
  dateText: string;
  /** How phrases were read (下午3点 for 3点…), said so the secretary can check. */
  notes: string[];
  /** For a modification: what changes, `时间：上午9:00 → 下午3:00`. */
  changes: string[];
  conflicts: ConflictLine[];
}

/**
 * What was understood, before anything is saved. Its buttons carry only the proposal's id: what is saved
 * is the proposal row, and whoever clicks is checked again. With a conflict the save button says
 * 仍然保存: saving over a clash is a deliberate second click on what this card shows.
 */
export function presentConfirmCard(f: ConfirmFacts): Card {
  const lines = entryLines(f.fields, f.leader, f.dateText);
  const blocks = [markdown(lines.join('\n'))];
  if (f.changes.length) blocks.unshift(markdown(`**修改内容**：\n${f.changes.map((c) => `- ${inline(c)}`).join('\n')}`));
  if (f.notes.length) blocks.push(markdown(`<font color='grey'>说明：${f.notes.map(inline).join('；')}</font>`));
  if (f.conflicts.length) {
    const rows = f.conflicts.map((c) =>
      c.kind === 'leader'
        ? `- ${inline(leaderLabel(c.leader))}同一时间已有安排：${inline(c.text)}`
        : `- 地点「${inline(c.place)}」同一时间已有安排：${inline(leaderLabel(c.leader))} ${inline(c.text)}`,
    );
    blocks.push(markdown(`<font color='red'>**时间冲突**</font>\n${rows.join('\n')}\n如确需保存，请点击「仍然保存」；否则请点击「修改」调整时间或地点。`));
  } else blocks.push(markdown('以上为识别结果，**尚未保存**。核对无误请点击「确认」，需要调整请点击「修改」。'));
  const value = { p: f.proposalId };
  blocks.push(
    buttonRow([
      f.conflicts.length
        ? actionButton('仍然保存', CONFIRM_ACTION, { ...value, force: true }, { type: 'danger' })
        : actionButton('确认', CONFIRM_ACTION, value, { type: 'primary' }),
      actionButton('修改', EDIT_PROPOSAL_ACTION, value),
      actionButton('放弃', DISCARD_ACTION, value),
    ]),
  );
  return card({
    title: f.kind === 'add' ? '请确认新增日程' : '请确认修改日程',
    subtitle: leaderLabel(f.leader),
    template: f.conflicts.length ? 'orange' : 'blue',
    elements: blocks,
  });
}

export function presentDiscarded(): Card {
  return card({ title: '已放弃', template: 'grey', elements: [markdown('本次填写的日程未保存。')] });
}
