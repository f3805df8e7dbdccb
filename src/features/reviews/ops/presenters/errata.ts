import { card, inlineText, markdown } from '../../../../cards/elements.js';
import type { Card } from '../../../../cards/types.js';
import { beijingDate } from '../../../../platform/time.js';

export interface ErratumLine {
  docNumber: string;
  description: string;
  level: string;
  personName: string;
  draftNumber?: string;
  recordedAt: Date;
}

/** 12月1日: the day an erratum was recorded (a register needs no weekday). */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

const line = (e: ErratumLine, i: number) => {
  const passed = e.level ? `；把关环节：${inlineText(e.level)}${e.personName ? `（${inlineText(e.personName)}）` : ''}` : '';
  const draft = e.draftNumber ? `；审核编号：${inlineText(e.draftNumber)}` : '';
  return `${i + 1}. **${inlineText(e.docNumber)}**：${inlineText(e.description)}${passed}${draft}（${monthDay(beijingDate(e.recordedAt))}登记）`;
};

/** 错文公示 for a month. */
export function presentErrata(month: string, errata: readonly ErratumLine[]): Card {
  const title = `错文公示（${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月）`;
  if (!errata.length) return card({ title, elements: [markdown('本月没有登记的错文。')] });
  return card({
    title,
    template: 'orange',
    summary: `${title}：${errata.length}件`,
    elements: [markdown(`本月共登记错文${errata.length}件：`), markdown(errata.map(line).join('\n'))],
  });
}

/** What the recorder is told once it is registered. */
export function erratumRecorded(e: ErratumLine): string {
  const passed = e.level ? `，把关环节：${e.level}${e.personName ? `（${e.personName}）` : ''}` : '';
  return `已登记错文：${e.docNumber}，${e.description}${passed}。发送「审核 错文」可查看本月错文公示。`;
}
