import { badInput, forbidden, notFound } from '../../../../errors.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { URGENT_KIND } from '../../domain/kinds.js';
import { parseNoteText } from '../../notes/domain/input.js';
import { reportNote } from '../../notes/use-cases/report.js';
import { officeKinds, type ReportWhere } from '../../notes/use-cases/shared.js';
import { NOTE_SERIES } from '../../object-type.js';
import { findNote, findNoteByNumber, type NoteRow } from '../../repositories/notes.js';
import type { BriefSeam } from '../../subcommands.js';
import { latestUrgentOf } from '../repositories/thread.js';

export type Where = ReportWhere;

/**
 * Stores an urgent note — a first report (`信息 急报`) or a 续报 linked to its first report — through the
 * notes part's reporting use case (numbering, the day marked reported, the sensitive-word flag); the
 * seam's listeners run in its transaction: this part's listener sends a first report at once and
 * re-checks the thread of a 续报.
 */
async function fileUrgentNote(deps: FeatureDeps, seam: BriefSeam, actor: Actor, text: string, where: Where, parent?: NoteRow) {
  authorize(actor, 'briefs.report');
  if (!text.trim())
    throw badInput(
      parent
        ? `请写明续报内容，如「信息 续报 ${parent.number} 经核实，无人员伤亡。」`
        : '请写明急情要事的内容，如「信息 急报 今天下午4时，城关镇东关村一民房发生火灾……」。',
    );
  const input = { ...parseNoteText(text, await officeKinds(deps)), urgent: true, declaredKind: URGENT_KIND };
  const r = await reportNote(deps, seam, actor, input, where, undefined, parent ? { parentNoteId: parent.id } : {});
  return { note: r.note, duplicate: r.duplicate };
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
