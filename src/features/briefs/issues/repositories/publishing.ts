import type { Db } from '../../repositories/db.js';
import { ISSUE_TYPE } from '../../object-type.js';

/** Issues 签发 but not yet 印发 (the publish sweep's work), oldest first. */
export const signedIssueIds = async (db: Db): Promise<string[]> =>
  (await db.infoIssue.findMany({ where: { state: 'signed' }, select: { id: true }, orderBy: [{ signedAt: 'asc' }, { id: 'asc' }] })).map((r) => r.id);

/** How many 印发 attempts of the issue have failed so far (its timeline's `publish_failed` entries). */
export const publishFailures = (db: Db, issueId: string): Promise<number> =>
  db.infoEvent.count({ where: { objectType: ISSUE_TYPE, objectId: issueId, kind: 'publish_failed' } });
