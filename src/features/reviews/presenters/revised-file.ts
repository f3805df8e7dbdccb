import { actionButton, card, markdown, md } from '../../../cards/elements.js';
import type { Card } from '../../../cards/types.js';
import { revisionText } from './text.js';

/** A returned file draft the file just sent may revise. */
export interface ReturnedFileDraft {
  id: string;
  version: number;
  number: string;
  title: string;
  revision: number;
  fileName: string;
}

/** What a 修改稿 button sends back: the draft (at its version) and the file that revises it. */
export const revisedFileValue = (d: ReturnedFileDraft, file: { messageId: string; key: string; name: string }) => ({
  d: d.id,
  v: d.version,
  m: file.messageId,
  f: file.key,
  n: file.name.slice(0, 300),
});

/**
 * A file sent while the drafter has drafts back with them for 修改: it may be the revised draft. One
 * button per such draft; the submit form for a new draft follows as its own card.
 */
export function presentRevisedFileOffer(drafts: readonly ReturnedFileDraft[], file: { messageId: string; key: string; name: string }): Card {
  return card({
    title: '提交修改稿？',
    template: 'orange',
    summary: `「${file.name.slice(0, 40)}」可作为修改稿提交`,
    elements: [
      markdown(
        md`您有退回修改的文稿。刚发送的「${file.name}」如是其中一份的修改稿，请点击对应按钮，作为修改稿重新提交（此前各级的签署将失效，由审核人在新版本上重新确认）；如是新的文稿，请在下方的表单中提交。`,
      ),
      ...drafts.map((d) => markdown(md`**${d.number}**「${d.title}」：现为附件「${d.fileName || '文稿'}」（${revisionText(d.revision)}）`)),
      ...drafts.map((d) =>
        actionButton(`作为${d.number}的修改稿提交`, 'rv.resubmit.file', revisedFileValue(d, file), {
          type: 'primary',
          confirm: { title: '提交修改稿', text: `以「${file.name.slice(0, 60)}」作为${d.number}的修改稿重新提交？` },
        }),
      ),
    ],
  });
}
