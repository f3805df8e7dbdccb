import { badInput, forbidden, notFound } from '../../../../errors.js';
import { recordEvent } from '../../../../platform/events.js';
import { storableText } from '../../../../platform/text.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { URGENT_KIND } from '../../domain/kinds.js';
import { NOTE_SERIES, NOTE_TYPE } from '../../object-type.js';
import { claimDay, updateDayIf } from '../../repositories/days.js';
import { findNote, findNoteByNumber, insertNote, noteOfMessage, type NoteRow } from '../../repositories/notes.js';
import { loadWordList } from '../../repositories/word-lists.js';
import { briefSettings } from '../../settings.js';
import type { BriefSeam } from '../../subcommands.js';
import { isInfoChat, latestUrgentOf } from '../repositories/thread.js';
import { recheckThread } from './dispatch.js';

export interface Where {
  chatId: string;
  chatType: 'p2p' | 'group';
  messageId: string;
}

/** Urgent notes come in a private chat or a bound 信息报送 group, like every note. */
async function sourceOf(deps: FeatureDeps, where: Where): Promise<'dm' | 'group'> {
  if (where.chatType === 'p2p') return 'dm';
  if (await isInfoChat(deps.prisma, where.chatId)) return 'group';
  throw badInput('请在与助手的私聊中，或在已绑定的信息报送群中报送急情要事。');
}

async function sensitiveHits(deps: FeatureDeps, body: string): Promise<string[]> {
  const words = [...briefSettings(deps).sensitiveWords, ...((await loadWordList(deps.prisma, 'sensitive')) ?? [])];
  const folded = body.normalize('NFKC').toLowerCase();
  return [...new Set(words.filter((w) => w.trim() && folded.includes(w.normalize('NFKC').toLowerCase().trim())))];
}

/**
 * Stores an urgent note — a first report (`信息 急报`) or a 续报 linked to its first report — numbered like
 * every note, marking the unit's working day reported; the seam's listeners run in the same transaction
 * (the first report is sent at once by this part's own listener).
 */
async function fileUrgentNote(
  deps: FeatureDeps,
  seam: BriefSeam,
  actor: Actor,
  text: string,
  where: Where,
  parent?: NoteRow,
): Promise<{ note: NoteRow; duplicate: boolean }> {
  authorize(actor, 'briefs.report');
  const body = storableText(text.trim());
  const max = briefSettings(deps).maxNoteChars;
  if (![...body].length)
    throw badInput(
      parent
        ? `请写明续报内容，如「信息 续报 ${parent.number} 经核实，无人员伤亡。」`
        : '请写明急情要事的内容，如「信息 急报 今天下午4时，城关镇东关村一民房发生火灾……」。',
    );
  if ([...body].length > max) throw badInput(`正文共${[...body].length}字，超过${max}字的上限。`);
  const source = await sourceOf(deps, where);
  const person = actor.person!;
  const hits = await sensitiveHits(deps, body);
  const now = deps.clock.now();
  const date = beijingDate(now);
  const working = deps.calendar.current().isWorkingDay(date);
  const result = await deps.prisma.$transaction(async (tx) => {
    const seen = await noteOfMessage(tx, where.messageId);
    if (seen) return { note: seen, duplicate: true };
    const number = await NOTE_SERIES.allocate(tx, Number(date.slice(0, 4)));
    const note = await insertNote(tx, {
      year: number.year,
      seq: number.seq,
      number: number.number,
      unitId: person.unitId!,
      reporterId: person.id,
      reporterOpenId: actor.openId,
      reporterName: person.name,
      date,
      reportedAt: now,
      body,
      declaredKind: URGENT_KIND,
      sensitive: hits.length > 0,
      sensitiveWords: JSON.stringify(hits),
      urgent: true,
      ...(parent ? { parentNoteId: parent.id, urgentSentAt: now } : {}),
      source,
      chatId: where.chatId,
      messageId: where.messageId,
    });
    if (working) {
      const day = await claimDay(tx, person.unitId!, date);
      if (
        (day.status === 'unreported' || day.status === 'zero') &&
        !(await updateDayIf(tx, day, { status: 'reported', reportedAt: now, reporterId: person.id, late: !!day.nudgedAt }))
      )
        throw new Error('info day changed while an urgent note was recorded');
    }
    await recordEvent(tx, {
      type: NOTE_TYPE,
      objectId: note.id,
      auditId: note.number,
      actor: actor.openId,
      at: now,
      kind: 'report',
      text: `${parent ? `续报${parent.number}：` : '急情要事：'}${body.slice(0, 60)}`,
      data: { source, urgent: true, parent: parent?.number ?? null },
      after: { status: 'reported', unitId: note.unitId, date },
    });
    await seam.notifyNoteChanged({ kind: 'reported', before: null, after: note, actor: actor.openId, at: now }, tx);
    if (parent) await recheckThread(tx, parent.id);
    return { note, duplicate: false };
  });
  deps.outbox.kick();
  return result;
}

/** 信息 急报 <正文>: an urgent first report (the same as 信息 报送 急 <正文>). */
export const reportUrgent = (deps: FeatureDeps, seam: BriefSeam, actor: Actor, text: string, where: Where) => fileUrgentNote(deps, seam, actor, text, where);

/**
 * 信息 续报 [编号] <正文>: a follow-up of an urgent matter, linked to its first report (a number of a 续报
 * leads to its first report). Without a number, the reporter's latest urgent first report. The reporter or
 * a liaison of the same unit may follow up; the first report must have been sent as urgent.
 */
export async function followUp(deps: FeatureDeps, seam: BriefSeam, actor: Actor, numberWord: string | undefined, text: string, where: Where) {
  authorize(actor, 'briefs.report');
  const year = Number(beijingDate(deps.clock.now()).slice(0, 4));
  const n = numberWord ? NOTE_SERIES.parse(numberWord, year) : undefined;
  let root: NoteRow | null;
  if (n) {
    const named = await findNoteByNumber(deps.prisma, n.year, n.seq);
    if (!named) throw notFound(`未找到信息${NOTE_SERIES.format(n)}。`);
    root = named.parentNoteId ? await findNote(deps.prisma, named.parentNoteId) : named;
  } else {
    root = await latestUrgentOf(deps.prisma, actor.person!.id);
    if (!root) throw notFound('您没有可续报的急情要事。请写明首报编号：「信息 续报 信〔2026〕5号 <续报内容>」。');
  }
  if (!root) throw notFound('未找到该急情要事的首报。');
  if (root.reporterId !== actor.person!.id && root.unitId !== actor.person!.unitId) throw forbidden(`${root.number}不是本单位报送的信息，不能续报。`);
  if (!root.urgent || !root.urgentSentAt)
    throw badInput(`${root.number}不是急情要事${root.urgentSuspected ? '（请先在确认卡片上点击「确认为急情要事」）' : ''}，不能续报。`);
  if (root.state === 'withdrawn') throw badInput(`${root.number}已撤回，不能续报。`);
  return { root, ...(await fileUrgentNote(deps, seam, actor, text, where, root)) };
}
