import { badInput } from '../../../../errors.js';
import { recordAudit } from '../../../../platform/audit.js';
import { recordEvent } from '../../../../platform/events.js';
import { storableText } from '../../../../platform/text.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { NOTE_SERIES, NOTE_TYPE } from '../../object-type.js';
import { claimDay, updateDayIf, type DayRow } from '../../repositories/days.js';
import { insertNote, noteOfMessage, notesOfDay, type NoteRow } from '../../repositories/notes.js';
import { briefSettings } from '../../settings.js';
import type { BriefSeam } from '../../subcommands.js';
import { checkBody, matchSensitive, type NoteInput } from '../domain/input.js';
import { checkWhere, sensitiveWords, today, type ReportWhere } from './shared.js';

export interface Reported {
  note: NoteRow;
  /** The same message was already taken (Lark re-delivered it): nothing new was written. */
  duplicate: boolean;
  /** The unit's day on the board; null on a day that is not a working day. */
  day: DayRow | null;
}

/** What a 续报 (the urgent part's follow-up) adds to a note: the first report it belongs to. */
export interface ReportExtras {
  /** The urgent first report this note follows up (a 续报 is urgent and counts as sent with it). */
  parentNoteId?: string;
}

/**
 * 信息 报送 (and the urgent part's 急报 / 续报, which come through here too): checks the text, then in one transaction numbers the note, stores it with its marks and the
 * sensitive words it contains, and marks the unit's working day 已报送 (迟报 when it comes after the nudge).
 * A note on a day off is stored, but no day has to be reported then.
 */
export async function reportNote(
  deps: FeatureDeps,
  seam: BriefSeam,
  actor: Actor,
  input: NoteInput,
  where: ReportWhere,
  source?: 'form',
  extras: ReportExtras = {},
): Promise<Reported> {
  authorize(actor, 'briefs.report');
  const settings = briefSettings(deps);
  const body = storableText(input.body.trim());
  checkBody(body, settings.maxNoteChars);
  const from = source ?? (await checkWhere(deps, where));
  // A note its reporter marks 涉密/内部 must not be taken (or echoed) in a group: refused before anything is stored.
  if ((input.internal || input.secret) && where.chatType !== 'p2p')
    throw badInput(
      `标注「${input.secret ? '涉密' : '内部'}」的信息不在群内登记，本条未报送。请在与本助手的私聊中重新发送「信息 报送 ${input.secret ? '涉密' : '内部'} <正文>」，并及时撤回群内消息。`,
    );
  const person = actor.person!;
  const unitId = person.unitId!;
  const hits = matchSensitive(body, await sensitiveWords(deps));
  const now = deps.clock.now();
  const date = today(deps);
  const working = deps.calendar.current().isWorkingDay(date);
  const result = await deps.prisma.$transaction(async (tx) => {
    const seen = await noteOfMessage(tx, where.messageId);
    if (seen) return { note: seen, duplicate: true, day: null };
    const number = await NOTE_SERIES.allocate(tx, Number(date.slice(0, 4)));
    const note = await insertNote(tx, {
      year: number.year,
      seq: number.seq,
      number: number.number,
      unitId,
      reporterId: person.id,
      reporterOpenId: actor.openId,
      reporterName: person.name,
      date,
      reportedAt: now,
      body,
      declaredKind: input.declaredKind,
      internal: input.internal,
      secret: input.secret,
      sensitive: hits.length > 0,
      sensitiveWords: JSON.stringify(hits),
      urgent: input.urgent || !!extras.parentNoteId,
      ...(extras.parentNoteId ? { parentNoteId: extras.parentNoteId, urgentSentAt: now } : {}),
      source: from,
      chatId: where.chatId,
      messageId: where.messageId,
    });
    let day: DayRow | null = null;
    // Another note of the unit (or the nudge) may move the day first: read it again and decide again.
    for (let attempt = 0; working && attempt < 3; attempt++) {
      day = await claimDay(tx, unitId, date);
      if (day.status !== 'unreported' && day.status !== 'zero') break;
      const data = { status: 'reported', reportedAt: now, reporterId: person.id, late: !!day.nudgedAt };
      if (await updateDayIf(tx, day, data)) {
        day = { ...day, ...data, version: day.version + 1 };
        break;
      }
    }
    await recordEvent(tx, {
      type: NOTE_TYPE,
      objectId: note.id,
      auditId: note.number,
      actor: actor.openId,
      at: now,
      kind: 'report',
      text: body.slice(0, 60),
      data: { source: from, internal: note.internal, secret: note.secret, sensitive: hits, urgent: note.urgent, parent: extras.parentNoteId ?? null },
      after: { status: 'reported', unitId, date },
    });
    await seam.notifyNoteChanged({ kind: 'reported', before: null, after: note, actor: actor.openId, at: now }, tx);
    return { note, duplicate: false, day };
  });
  deps.outbox.kick();
  return result;
}

export type ZeroOutcome = { kind: 'recorded'; day: DayRow } | { kind: 'already'; day: DayRow };

/** 信息 零报告: the unit has nothing to report today. Refused when it has reported, or the day is closed. */
export async function zeroReport(deps: FeatureDeps, actor: Actor, where: ReportWhere): Promise<ZeroOutcome> {
  authorize(actor, 'briefs.report');
  await checkWhere(deps, where);
  const person = actor.person!;
  const unitId = person.unitId!;
  const date = today(deps);
  if (!deps.calendar.current().isWorkingDay(date)) throw badInput('今天不是工作日，无需报送，也无需零报告。');
  const now = deps.clock.now();
  const outcome = await deps.prisma.$transaction(async (tx): Promise<ZeroOutcome> => {
    const day = await claimDay(tx, unitId, date);
    if (day.status === 'zero') return { kind: 'already', day };
    if (day.status === 'reported') {
      const count = (await notesOfDay(tx, date)).filter((n) => n.unitId === unitId).length;
      throw badInput(`本单位今日已报送信息${count}条，无需零报告。`);
    }
    if (day.status === 'missed') throw badInput('今日报送已截止，本单位已记为漏报。如有情况，仍可发送「信息 报送 <正文>」补报。');
    const data = { status: 'zero', reportedAt: now, reporterId: person.id, late: !!day.nudgedAt };
    if (!(await updateDayIf(tx, day, data))) throw badInput('本单位今日的报送情况刚刚有变化，请重新发送「信息 零报告」。');
    await recordAudit(tx, {
      actor: actor.openId,
      objectType: NOTE_TYPE,
      objectId: `${unitId}:${date}`,
      action: 'zero_report',
      after: { note: `${date} 零报告` },
      at: now,
    });
    return { kind: 'recorded', day: { ...day, ...data, version: day.version + 1 } };
  });
  return outcome;
}
