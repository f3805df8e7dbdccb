import { card, markdown } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { inlineText } from '../../../../cards/elements.js';
import { formatDwell } from '../domain/dwell.js';
import { draftLine, type DraftLine } from './lines.js';

/** A card lists at most this many drafts; the rest is counted (a card has a size limit, people a patience). */
export const MAX_LINES = 50;

/** The daily digest: one card per reviewer with everything on their desk. */
export function presentReviewerDigest(name: string, lines: readonly DraftLine[], dayMinutes: number): Card {
  const shown = lines.slice(0, MAX_LINES);
  const overdue = lines.filter((l) => l.overdue).length;
  const elements: CardElement[] = [
    markdown(`${inlineText(name)}，您好！您手中有 ${lines.length} 份文稿待审${overdue ? `，其中 ${overdue} 份已超过审核时限` : ''}：`),
    markdown(shown.map((l, i) => `${i + 1}. ${draftLine(l, dayMinutes)}`).join('\n')),
  ];
  if (lines.length > shown.length) elements.push(markdown(`另有 ${lines.length - shown.length} 份未列出。`));
  elements.push(markdown('请在各文稿的审核卡片中办理；发送「审核 我的」可随时查看。'));
  return card({ title: '文稿待审提醒', template: overdue ? 'orange' : 'blue', summary: `您手中有 ${lines.length} 份文稿待审`, elements });
}

export interface HolderGroup {
  holderName: string;
  label: string;
  lines: DraftLine[];
  /** The longest dwell in the group (its first line's). */
  longest: number;
}

/** 审核 卡在谁那: every holder with the drafts on their desk, the longest-held first. */
export function presentHolders(groups: readonly HolderGroup[], total: number, dayMinutes: number, scope: string): Card {
  if (!total) return card({ title: '文稿在谁手中', elements: [markdown(`${scope}目前没有在审的文稿。`)] });
  const elements: CardElement[] = [markdown(`${scope}在审文稿 ${total} 份，分在 ${groups.length} 人手中（按停留时间从长到短）：`)];
  let shown = 0;
  let groupsShown = 0;
  for (const g of groups) {
    if (shown >= MAX_LINES) break;
    groupsShown++;
    const lines = g.lines.slice(0, Math.max(1, Math.min(g.lines.length, MAX_LINES - shown)));
    shown += lines.length;
    const more = g.lines.length > lines.length ? `\n另有 ${g.lines.length - lines.length} 份` : '';
    elements.push(
      markdown(
        `**${inlineText(g.holderName)}**（${inlineText(g.label)}）${g.lines.length} 份，最长已停留${formatDwell(g.longest, dayMinutes)}\n${lines
          .map((l) => `· ${draftLine(l, dayMinutes)}`)
          .join('\n')}${more}`,
      ),
    );
  }
  const hidden = groups.length - groupsShown;
  if (hidden > 0) elements.push(markdown(`另有 ${hidden} 人手中的文稿未列出，可用「审核 列表」按条件查看。`));
  return card({ title: '文稿在谁手中', summary: `在审文稿 ${total} 份`, elements });
}

/** 审核 我的: what is on my desk, and what I sent that is still moving (or came back to me). */
export function presentMine(onDesk: readonly DraftLine[], sent: readonly DraftLine[], returned: readonly DraftLine[], dayMinutes: number): Card {
  const elements: CardElement[] = [];
  elements.push(
    markdown(
      onDesk.length
        ? `**在我手中（${onDesk.length} 份）**\n${onDesk
            .slice(0, MAX_LINES)
            .map((l) => `· ${draftLine(l, dayMinutes)}`)
            .join('\n')}`
        : '**在我手中**\n暂无待审文稿。',
    ),
  );
  elements.push(
    markdown(
      sent.length
        ? `**我提交的、正在审核（${sent.length} 份）**\n${sent
            .slice(0, MAX_LINES)
            .map((l) => `· ${draftLine(l, dayMinutes, { holder: true })}`)
            .join('\n')}`
        : '**我提交的、正在审核**\n暂无。',
    ),
  );
  if (returned.length) {
    elements.push(
      markdown(`**退回我修改的（${returned.length} 份）**\n${returned.map((l) => `· ${inlineText(l.number)}《${inlineText(l.title)}》`).join('\n')}`),
    );
  }
  return card({ title: '我的文稿', elements });
}

/** 审核 列表: the drafts matching the filters, with their holder. */
export function presentList(title: string, lines: readonly DraftLine[], dayMinutes: number): Card {
  if (!lines.length) return card({ title, elements: [markdown('没有符合条件的在审文稿。')] });
  const shown = lines.slice(0, MAX_LINES);
  const elements: CardElement[] = [
    markdown(`共 ${lines.length} 份：`),
    markdown(shown.map((l, i) => `${i + 1}. ${draftLine(l, dayMinutes, { holder: true, kind: true })}`).join('\n')),
  ];
  if (lines.length > shown.length) elements.push(markdown(`另有 ${lines.length - shown.length} 份未列出，请加筛选条件缩小范围。`));
  return card({ title, summary: `${title}：${lines.length} 份`, elements });
}
