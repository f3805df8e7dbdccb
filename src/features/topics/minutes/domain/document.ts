import type { DocBlock, GongwenInput } from '../../../../platform/export/docx/model.js';
import type { IsoDate } from '../../../../platform/time.js';
import type { TopicOutcome } from '../../domain/topic-fields.js';
import { numberPlaceholder } from './stamp.js';

/** What a 纪要 says, every id already resolved to names (minutes-view.ts builds it). */
export interface MinutesContent {
  /** 县政府常务会议纪要 (the meeting type's). */
  title: string;
  /** 〔2026〕5号 once 签发; absent on the draft under review (which shows 〔2026〕　　号 for it). */
  number?: string;
  /** 县政府第3次常务会议 */
  meetingNumber: string;
  heldOn: IsoDate;
  /** 县长 张三: the presiding leader's title and name. */
  presidingTitle: string;
  presidingName: string;
  topics: MinutesTopic[];
  attendees: string[];
  absent: string[];
  /** 列席 units (the type's fixed ones and each topic's). */
  attendUnits: string[];
  /** 成文日期: the day of 签发, else the day of the draft. */
  date: IsoDate;
}

export interface MinutesTopic {
  title: string;
  unitName: string;
  outcome: TopicOutcome;
  outcomeNote: string;
  decisions: { content: string; unitName: string; leaderName: string; deadline: string }[];
}

/** The 议定 sentence's opening per outcome. */
const OUTCOME_WORDS: Record<TopicOutcome, string> = {
  passed: '会议审议通过该事项。',
  passed_in_principle: '会议原则通过该事项。',
  passed_amended: '会议同意该事项修改完善后通过。',
  deferred: '会议决定该事项暂缓研究。',
  rejected: '会议决定该事项不予通过。',
};

const dayOf = (d: IsoDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
/** 关于…: a topic's heading keeps its own 关于, or is given one. */
const about = (title: string) => (title.startsWith('关于') ? title : `关于${title}`);
const sentence = (s: string) => (/[。！？；]$/.test(s) ? s : `${s}。`);

function decisionText(d: MinutesTopic['decisions'][number], i: number, many: boolean): string {
  const who = [`由${d.unitName}负责落实`, d.leaderName ? `${d.leaderName}同志牵头` : '', d.deadline ? `${dayOf(d.deadline)}前完成` : '']
    .filter(Boolean)
    .join('，');
  return `${many ? `${i + 1}. ` : ''}${d.content.replace(/[。；;]+$/, '')}（${who}）。`;
}

/** The 纪要 as the shared docx service takes it (GB/T 9704): opening, 一、关于… per topic, 出席 / 请假 / 列席. */
export function minutesDocument(c: MinutesContent): GongwenInput {
  const opening =
    `${dayOf(c.heldOn)}，${c.presidingTitle}${c.presidingName}主持召开${c.meetingNumber}，` +
    `研究了${c.topics.map((t) => about(t.title).replace(/的?议题$/, '')).join('、')}${c.topics.length > 1 ? `等${c.topics.length}项议题` : ''}。现纪要如下：`;
  const blocks: DocBlock[] = [{ text: opening }];
  for (const t of c.topics) {
    blocks.push({ level: 1, text: about(t.title) });
    const heard = `会议听取了${t.unitName}关于${about(t.title).slice(2)}的汇报。`;
    const note = t.outcomeNote ? sentence(t.outcomeNote) : '';
    const decided = t.decisions.map((d, i) => decisionText(d, i, t.decisions.length > 1)).join('');
    blocks.push({ text: `${heard}会议议定：${OUTCOME_WORDS[t.outcome]}${note}${decided}` });
  }
  const line = (names: string[]) => (names.length ? names.join('、') : '无');
  blocks.push({ lead: '出席：', text: line(c.attendees) }, { lead: '请假：', text: line(c.absent) }, { lead: '列席：', text: line(c.attendUnits) });
  return { docNumber: c.number ?? numberPlaceholder(c.date.slice(0, 4)), title: c.title, blocks, date: c.date };
}

/** The file's name: 县政府第3次常务会议纪要（〔2026〕5号）.docx, or …（送审稿）.docx before 签发. */
export function minutesFileName(c: Pick<MinutesContent, 'meetingNumber' | 'number'>): string {
  return `${c.meetingNumber}纪要（${c.number ?? '送审稿'}）.docx`;
}
