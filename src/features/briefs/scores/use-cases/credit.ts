import { recordEvent } from '../../../../platform/events.js';
import type { AdoptionLevel } from '../../domain/states.js';
import { ITEM_TYPE } from '../../object-type.js';
import { insertAdoption, type AdoptionRow } from '../../repositories/adoptions.js';
import type { Tx } from '../../repositories/db.js';
import type { ScoreScheme } from '../../settings.js';

export interface AdoptionCredit {
  item: { id: string; unitId: string; writerId: string };
  writerName: string;
  level: AdoptionLevel;
  /** The issue, for an own-level (本级) adoption. */
  issueId?: string;
  /** Where it was adopted (the issue's heading, or the upward periodical / 批示 as typed). */
  where: string;
  recordedBy: string;
  at: Date;
  /** The month it counts in (YYYY-MM, Beijing). */
  month: string;
}

/**
 * The one place an adoption (录用) is credited: the points are the office's scheme as configured now
 * (settings.scores, BRIEFS_SCORE_*), kept on the row; once per item and level (null when it already was),
 * with the item's timeline entry. Inside the caller's transaction.
 */
export async function creditAdoption(tx: Tx, scheme: ScoreScheme, c: AdoptionCredit): Promise<AdoptionRow | null> {
  const points = scheme.points[c.level];
  const row = await insertAdoption(tx, {
    itemId: c.item.id,
    unitId: c.item.unitId,
    writerId: c.item.writerId,
    writerName: c.writerName,
    level: c.level,
    points,
    ...(c.issueId ? { issueId: c.issueId } : {}),
    where: c.where,
    recordedBy: c.recordedBy,
    recordedAt: c.at,
    month: c.month,
  });
  if (row)
    await recordEvent(tx, {
      type: ITEM_TYPE,
      objectId: c.item.id,
      auditId: c.item.id,
      actor: c.recordedBy,
      at: c.at,
      kind: 'record_adoption',
      text: c.where,
      data: { level: c.level, points },
    });
  return row;
}
