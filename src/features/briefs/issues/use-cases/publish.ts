import { recordAudit } from '../../../../platform/audit.js';
import { recordEvent } from '../../../../platform/events.js';
import { buildDocxInThread } from '../../../../platform/export/docx/docx-build.js';
import { enqueue } from '../../../../platform/outbox/outbox.js';
import { beijingDate } from '../../../../platform/time.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { chatsForPurpose } from '../../../org/index.js';
import { readJson, type Distribution } from '../../domain/json.js';
import { ISSUE_TYPE } from '../../object-type.js';
import { findIssue, updateIssueIf, type IssueRow } from '../../repositories/issues.js';
import { itemsOfIssue } from '../../repositories/items.js';
import { creditAdoption } from '../../scores/index.js';
import { briefSettings } from '../../settings.js';
import { briefDocument, DEFAULT_DISTRIBUTION } from '../domain/document.js';
import { ISSUE_MACHINE } from '../domain/machine.js';
import { publishFailures } from '../repositories/publishing.js';
import { personName } from '../repositories/signers.js';
import { refreshIssueCards } from './cards.js';

const SYSTEM = 'system:briefs.issue';

/** After this many failed attempts the editor is told (once) that the 简报 is still not out. */
export const PUBLISH_TELL_AFTER = 3;

export type PublishOutcome =
  | { state: 'published'; groups: number; adoptions: number }
  /** Not 已签发 (not signed yet, or already published by another run). */
  | { state: 'skipped' }
  /** Building or uploading failed: the issue stays 已签发 and the publish sweep tries again. */
  | { state: 'failed'; attempts: number };

/**
 * 印发 after 签发: the 简报 .docx built and uploaded once per attempt, then in one transaction the file and
 * its note queued to every bound 信息 group (keyed per issue and group, so a retry never sends a group a
 * second copy), an own-level adoption (本级) credited per item, and the issue marked 已发布. A failure
 * leaves the issue 已签发 for the sweep (`briefs.issue.publish`) and is counted on its timeline; the
 * editor hears once when it keeps failing.
 */
export async function publishIssue(deps: FeatureDeps, issueId: string): Promise<PublishOutcome> {
  const issue = await findIssue(deps.prisma, issueId);
  if (!issue || issue.state !== 'signed') return { state: 'skipped' };
  try {
    return await publishSigned(deps, issue);
  } catch (err) {
    deps.log.error({ err, issue: issue.number }, 'briefs issue publish failed');
    return { state: 'failed', attempts: await recordFailure(deps, issue, err) };
  }
}

async function publishSigned(deps: FeatureDeps, issue: IssueRow): Promise<PublishOutcome> {
  const items = await itemsOfIssue(deps.prisma, issue.id);
  const now = deps.clock.now();
  const input = briefDocument({
    periodical: issue.title,
    number: issue.number,
    publisher: briefSettings(deps).publisher,
    date: beijingDate(issue.signedAt ?? now),
    items,
    distribution: readJson<Distribution>(issue.distribution, DEFAULT_DISTRIBUTION),
  });
  const bytes = (await buildDocxInThread(input)).bytes;
  const name = `${issue.title}${issue.year}年${issue.number}.docx`;
  const upload = await deps.messenger.uploadFile(name, bytes, 'doc');
  if (!upload.ok) throw new Error(`upload failed: ${upload.error.kind}`);
  const fileKey = upload.value.fileKey;
  const month = beijingDate(now).slice(0, 7);
  const scheme = briefSettings(deps).scores;
  const origin = `briefs:${issue.number}`;
  const outcome = await deps.prisma.$transaction(async (tx): Promise<PublishOutcome> => {
    const fresh = await findIssue(tx, issue.id);
    if (fresh?.state !== 'signed') return { state: 'skipped' };
    const chats = await chatsForPurpose(tx, 'info');
    for (const chatId of chats) {
      const scope = `group:${chatId}`;
      await enqueue(tx, { to: { chatId }, content: { type: 'file', fileKey }, key: `briefs-issue-publish:${issue.id}:${scope}`, origin });
      await enqueue(tx, {
        to: { chatId },
        content: { type: 'text', text: `【简报印发】《${issue.title}》${issue.number}已签发，共 ${items.length} 条信息。` },
        key: `briefs-issue-publish-text:${issue.id}:${scope}`,
        origin,
      });
      await recordAudit(tx, { actor: SYSTEM, objectType: ISSUE_TYPE, objectId: issue.id, action: 'publish_file', after: { fileKey, to: chatId }, at: now });
    }
    let adoptions = 0;
    for (const item of items) {
      const row = await creditAdoption(tx, scheme, {
        item,
        writerName: item.writerId ? await personName(tx, item.writerId) : '',
        level: 'own',
        issueId: issue.id,
        where: `《${issue.title}》${issue.number}`,
        recordedBy: SYSTEM,
        at: now,
        month,
      });
      if (row) adoptions++;
    }
    await applyTransition(tx, {
      machine: ISSUE_MACHINE,
      action: 'publish',
      from: 'signed',
      write: (to) => updateIssueIf(tx, { ...fresh, state: 'signed' }, { state: to, publishedAt: now, fileKey, fileName: name }),
      event: () => ({ type: ISSUE_TYPE, objectId: issue.id, auditId: issue.number, actor: SYSTEM, at: now, kind: 'publish', text: `${chats.length} 个群` }),
    });
    await refreshIssueCards(tx, issue.id);
    return { state: 'published', groups: chats.length, adoptions };
  });
  deps.outbox.kick();
  return outcome;
}

/** The failed attempt on the issue's timeline; at PUBLISH_TELL_AFTER, one message to the editor (a stable key). */
async function recordFailure(deps: FeatureDeps, issue: IssueRow, err: unknown): Promise<number> {
  const now = deps.clock.now();
  const attempts = await deps.prisma.$transaction(async (tx) => {
    await recordEvent(tx, {
      type: ISSUE_TYPE,
      objectId: issue.id,
      auditId: issue.number,
      actor: SYSTEM,
      at: now,
      kind: 'publish_failed',
      text: String((err as Error)?.message ?? err).slice(0, 200),
    });
    const n = await publishFailures(tx, issue.id);
    if (n >= PUBLISH_TELL_AFTER)
      await enqueue(tx, {
        to: { openId: issue.compiledBy },
        content: {
          type: 'text',
          text: `【简报印发】《${issue.title}》${issue.number}已签发，但简报文件生成或上传已连续 ${n} 次未成功，系统仍在自动重试。如持续未印发，请联系系统管理员检查飞书文件上传。`,
        },
        key: `briefs-issue-publish-stuck:${issue.id}`,
        origin: `briefs:${issue.number}`,
      });
    return n;
  });
  deps.outbox.kick();
  return attempts;
}
