import { parseDatePhrase, type DatePhraseContext } from '../../../../platform/phrases/index.js';
import { badInput } from '../../../../errors.js';
import type { IsoDate } from '../../../../platform/time.js';

/** One row of the 值班表: date, 带班领导, 值班人员 (as written), duty phone. */
export interface DutyLine {
  date: IsoDate;
  leaderName: string;
  staff: string;
  phone: string;
}

const PHONE = /^[0-9+\-－()（）\s]{5,20}$/;

/**
 * `<日期> <带班领导> <值班人员> [电话]`, the fields separated by spaces or tabs (a row copied from a
 * spreadsheet). Errors name the row and the field, in Chinese; nothing is guessed.
 */
export function parseDutyLine(fields: readonly string[], ctx: DatePhraseContext, row?: number): DutyLine {
  const where = row === undefined ? '' : `第 ${row} 行：`;
  if (fields.length < 3) throw badInput(`${where}值班安排需写明 日期、带班领导、值班人员（电话可选），如「10月5日 张县长 李明、王芳 0123-4567890」。`);
  const [dateText, leaderName, staff, ...rest] = fields as [string, string, string, ...string[]];
  let date: IsoDate;
  try {
    date = parseDatePhrase(dateText, { ...ctx, label: '值班日期' }).date;
  } catch {
    throw badInput(`${where}值班日期「${dateText.slice(0, 20)}」无法识别，请写成「10月5日」或「2026-10-05」。`);
  }
  const phone = rest.join(' ').trim();
  if (phone && !PHONE.test(phone)) throw badInput(`${where}值班电话「${phone.slice(0, 20)}」格式不正确，应为数字，可含“-”。`);
  return { date, leaderName: leaderName.trim(), staff: staff.trim(), phone };
}

/** A pasted table: one row a line; a first line of headers (日期 / 带班领导 …) is skipped. */
export function parseDutyTable(text: string, ctx: DatePhraseContext): DutyLine[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const out: DutyLine[] = [];
  lines.forEach((line, i) => {
    if (!line || (i === 0 && /日期|带班/.test(line))) return;
    out.push(parseDutyLine(line.split(/\t|\s+/).filter(Boolean), ctx, i + 1));
  });
  if (!out.length) throw badInput('未读到值班安排。请在「值班 导入」下一行起粘贴值班表，每行：日期 带班领导 值班人员 电话。');
  return out;
}
