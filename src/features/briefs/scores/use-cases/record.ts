import { badInput, notFound } from '../../../../errors.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { readJson } from '../../domain/json.js';
import type { AdoptionLevel } from '../../domain/states.js';
import { NOTE_SERIES } from '../../object-type.js';
import { adoptedOrCompiledItems } from '../../repositories/items.js';
import { findNoteByNumber } from '../../repositories/notes.js';
import { briefSettings } from '../../settings.js';
import { levelOf } from '../domain/levels.js';
import { creditAdoption } from './credit.js';

export const RECORD_USAGE = '信息 录用 <信息编号> <市每日要情|省每日要情|专报|批示> [刊期或批示说明]';

/**
 * 信息 录用: an adopted item (named by a source note's number) recorded as taken up upward — 市/省 每日要情,
 * 专报, a leader's 批示 — once per level, credited to the item's unit and writer, counted in this month.
 */
export async function recordAdoption(deps: FeatureDeps, actor: Actor, words: readonly string[]) {
  authorize(actor, 'briefs.edit');
  const [numberWord, levelWord, ...rest] = words;
  const now = deps.clock.now();
  const year = Number(beijingDate(now).slice(0, 4));
  const n = numberWord ? NOTE_SERIES.parse(numberWord, year) : undefined;
  const level: AdoptionLevel | undefined = levelWord ? levelOf(levelWord) : undefined;
  if (!n || !level) throw badInput(`用法：${RECORD_USAGE}`);
  const note = await findNoteByNumber(deps.prisma, n.year, n.seq);
  if (!note) throw notFound(`未找到信息${NOTE_SERIES.format(n)}。`);
  const candidates = await adoptedOrCompiledItems(deps.prisma);
  const item = candidates.find((i) => readJson<string[]>(i.sourceNoteIds, []).includes(note.id));
  if (!item) throw notFound(`信息${note.number}尚无已采用的条目（请先在起草卡片上点击「采用」）。`);
  const scheme = briefSettings(deps).scores;
  const points = scheme.points[level];
  const where = rest.join(' ').slice(0, 100);
  const row = await deps.prisma.$transaction((tx) =>
    creditAdoption(tx, scheme, {
      item,
      writerName: note.reporterName,
      level,
      where,
      recordedBy: actor.openId,
      at: now,
      month: beijingDate(now).slice(0, 7),
    }),
  );
  return { row, note, item, level, points };
}
