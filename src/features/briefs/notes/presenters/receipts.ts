import { beijingMinuteOfDay } from '../../../../platform/time.js';
import { formatMinute, officeDate } from '../../../../platform/phrases/index.js';
import { DAY_STATUS_LABEL, NOTE_STATE_LABEL, type DayStatus, type NoteState } from '../../domain/states.js';
import { readJson } from '../../domain/json.js';
import type { NoteRow } from '../../repositories/notes.js';

/** The replies of the notes part: plain text, every user-typed part left out or quoted from our own lists. */

/** `12月1日 09:10`: no weekday, so it can stand inside parentheses without a nested pair. */
const when = (at: Date, date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${formatMinute(beijingMinuteOfDay(at))}`;

const marksOf = (n: Pick<NoteRow, 'internal' | 'secret' | 'urgent'>) =>
  [n.internal && '内部', n.secret && '涉密', n.urgent && '急情要事'].filter(Boolean).join('、');

/** After 信息 报送 (or its form): the number, the marks, the sensitive-word flag and what can still be done. */
/** The sensitive-word line: in a group (`hideWords`) it does not name the words (the reporter is told privately). */
const sensitiveLine = (hits: readonly string[], hideWords?: boolean) =>
  hideWords ? '含敏感词，已标记为敏感信息（所含敏感词已私信告知报送人）。' : `含敏感词「${hits.join('」「')}」，已标记为敏感信息。`;

/** What the reporter is told privately when a note sent in a group matched the sensitive-word list. */
export const sensitiveDetailText = (note: NoteRow): string =>
  `${note.number}含敏感词「${readJson<string[]>(note.sensitiveWords, []).join('」「')}」，已标记为敏感信息，仅由信息科人工处理。今后此类信息请在与本助手的私聊中报送。`;

export function reportedText(note: NoteRow, unit: string, options: { duplicate?: boolean; late?: boolean; working: boolean; hideWords?: boolean }): string {
  const lines = [`${options.duplicate ? '该信息已报送' : '已报送'}：${note.number}（${unit}，${when(note.reportedAt, note.date)}）。`];
  const marks = marksOf(note);
  if (note.declaredKind || marks) lines.push([note.declaredKind && `类别：${note.declaredKind}`, marks && `标记：${marks}`].filter(Boolean).join('；') + '。');
  const hits = readJson<string[]>(note.sensitiveWords, []);
  if (hits.length) lines.push(sensitiveLine(hits, options.hideWords));
  if (note.internal || note.secret || hits.length) lines.push('此类信息仅由信息科人工处理，不会交由大模型处理。');
  if (options.late) lines.push('本单位今日在催报后报送，记为迟报。');
  if (!options.working) lines.push('今天不是工作日，该信息已登记，不计入每日报送情况。');
  lines.push(`信息科采用前，可发送「信息 修改 ${note.number} <新正文>」修改，或「信息 撤回 ${note.number}」撤回。`);
  return lines.join('\n');
}

export function editedText(note: NoteRow, hideWords?: boolean): string {
  const hits = readJson<string[]>(note.sensitiveWords, []);
  return [`已修改：${note.number}（${when(note.editedAt ?? note.reportedAt, note.date)}）。`, hits.length ? sensitiveLine(hits, hideWords) : '']
    .filter(Boolean)
    .join('\n');
}

export function withdrawnText(note: NoteRow, dayReopened: boolean): string {
  return [`已撤回：${note.number}。`, dayReopened ? '本单位今日已无报送的信息，当前为「未报送」；如无信息可报，请发送「信息 零报告」。' : '']
    .filter(Boolean)
    .join('\n');
}

export function zeroText(kind: 'recorded' | 'already', unit: string, at: Date, date: string, late: boolean): string {
  if (kind === 'already') return `${unit}今日已零报告（${when(at, date)}），无需重复报送。`;
  return [`已登记零报告：${unit}（${when(at, date)}）。`, late ? '本单位今日在催报后报送，记为迟报。' : '', '如之后有情况，仍可发送「信息 报送 <正文>」报送。']
    .filter(Boolean)
    .join('\n');
}

/** 信息 我的: the reporter's latest notes, one a line. */
export function myNotesText(notes: readonly NoteRow[]): string {
  if (!notes.length) return '您还没有报送过信息。发送「信息 报送 <正文>」报送。';
  const line = (n: NoteRow) => {
    const head = [...n.body.replace(/\s+/g, ' ')].slice(0, 30).join('');
    const attached = readJson<unknown[]>(n.attachments, []).length;
    return `${n.number} ${officeDate(n.date)} ${NOTE_STATE_LABEL[n.state as NoteState] ?? n.state}：${head}${[...n.body].length > 30 ? '…' : ''}${attached ? `（附件${attached}个）` : ''}`;
  };
  return ['我报送的信息（最近' + notes.length + '条）：', ...notes.map(line)].join('\n');
}

export const dayLabel = (s: string): string => DAY_STATUS_LABEL[s as DayStatus] ?? s;
