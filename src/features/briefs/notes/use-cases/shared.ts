import { badInput, notFound } from '../../../../errors.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { DEFAULT_KINDS } from '../../domain/kinds.js';
import { NOTE_SERIES } from '../../object-type.js';
import { isInfoGroup } from '../../repositories/liaisons.js';
import { findNoteByNumber, notesOfReporter, type NoteRow } from '../../repositories/notes.js';
import { loadWordList } from '../../repositories/word-lists.js';
import { briefSettings } from '../../settings.js';

/** Where a command came from: notes are taken in a private chat or a bound 信息报送 group only. */
export interface ReportWhere {
  chatId: string;
  chatType: 'p2p' | 'group';
  messageId: string;
}

export async function checkWhere(deps: Pick<FeatureDeps, 'prisma'>, where: ReportWhere): Promise<'dm' | 'group'> {
  if (where.chatType === 'p2p') return 'dm';
  if (await isInfoGroup(deps.prisma, where.chatId)) return 'group';
  throw badInput('请在与助手的私聊中，或在已绑定的信息报送群中报送信息。');
}

export const today = (deps: Pick<FeatureDeps, 'clock'>): string => beijingDate(deps.clock.now());

/** The office's kinds (the `kinds` word list, else the six defaults). */
export async function officeKinds(deps: Pick<FeatureDeps, 'prisma'>): Promise<readonly string[]> {
  return (await loadWordList(deps.prisma, 'kinds')) ?? DEFAULT_KINDS;
}

/** The sensitive words: the configured ones and the office's list. */
export async function sensitiveWords(deps: Pick<FeatureDeps, 'prisma' | 'settings'>): Promise<string[]> {
  return [...new Set([...briefSettings(deps).sensitiveWords, ...((await loadWordList(deps.prisma, 'sensitive')) ?? [])])];
}

/**
 * The note a 修改 / 撤回 names: by its number (信〔2026〕3号, 3号, 3), else the reporter's latest open note.
 * Returns the note and whether the first word was its number.
 */
export async function pickNote(deps: FeatureDeps, actor: Actor, word: string | undefined): Promise<{ note: NoteRow; byNumber: boolean }> {
  const year = Number(today(deps).slice(0, 4));
  const n = word ? NOTE_SERIES.parse(word, year) : undefined;
  if (n) {
    const note = await findNoteByNumber(deps.prisma, n.year, n.seq);
    if (!note) throw notFound(`未找到信息${NOTE_SERIES.format(n)}。`);
    authorize(actor, 'briefs.amend', { reporterId: note.reporterId, unitId: note.unitId });
    return { note, byNumber: true };
  }
  const person = actor.person;
  const [latest] = person ? await notesOfReporter(deps.prisma, person.id, { take: 1, openOnly: true }) : [];
  if (!latest) throw notFound('您没有可修改或撤回的信息（已被采用或已撤回的信息不能再改）。');
  return { note: latest, byNumber: false };
}
