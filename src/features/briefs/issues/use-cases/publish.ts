import { asFileBuildFailure, deliverFile } from '../../../../platform/export/deliver-file.js';
import { buildDocxInThread } from '../../../../platform/export/docx/docx-build.js';
import { beijingDate } from '../../../../platform/time.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { chatsForPurpose } from '../../../org/index.js';
import { readJson, type Distribution } from '../../domain/json.js';
import { ISSUE_TYPE } from '../../object-type.js';
import { findIssue, updateIssueIf } from '../../repositories/issues.js';
import { itemsOfIssue } from '../../repositories/items.js';
import { creditAdoption } from '../../scores/index.js';
import { briefSettings } from '../../settings.js';
import { briefDocument, DEFAULT_DISTRIBUTION } from '../domain/document.js';
import { ISSUE_MACHINE } from '../domain/machine.js';
import { personName } from '../repositories/signers.js';
import { refreshIssueCards } from './cards.js';

const SYSTEM = 'system:briefs.issue';

/**
 * 印发 after 签发: the 简报 .docx built, sent as a file to every bound 信息 group, an own-level adoption (本级)
 * recorded per item for its unit and writer, and the issue marked 已发布. Keyed sends and the unique
 * adoption pair make a second run harmless.
 */
export async function publishIssue(deps: FeatureDeps, issueId: string): Promise<{ groups: number; adoptions: number }> {
  const issue = await findIssue(deps.prisma, issueId);
  if (!issue || issue.state !== 'signed') return { groups: 0, adoptions: 0 };
  const items = await itemsOfIssue(deps.prisma, issue.id);
  const now = deps.clock.now();
  const date = beijingDate(issue.signedAt ?? now);
  const input = briefDocument({
    periodical: issue.title,
    number: issue.number,
    publisher: briefSettings(deps).publisher,
    date,
    items,
    distribution: readJson<Distribution>(issue.distribution, DEFAULT_DISTRIBUTION),
  });
  let bytes: Buffer;
  try {
    bytes = (await buildDocxInThread(input)).bytes;
  } catch (err) {
    throw asFileBuildFailure(deps, err, '简报文件生成失败，请稍后重试。');
  }
  const name = `${issue.title}${issue.year}年${issue.number}.docx`;
  let fileKey = '';
  const chats = await chatsForPurpose(deps.prisma, 'info');
  for (const chatId of chats) {
    const r = await deliverFile(deps, {
      file: { name, bytes, type: 'doc' },
      recipient: { kind: 'send', to: { chatId } },
      texts: [`【简报印发】《${issue.title}》${issue.number}已签发，共 ${items.length} 条信息。`],
      key: `briefs-issue-publish:${issue.id}`,
      scope: `group:${chatId}`,
      origin: `briefs:${issue.number}`,
      audit: (key) => ({ actor: SYSTEM, objectType: ISSUE_TYPE, objectId: issue.id, action: 'publish_file', after: { fileKey: key, to: chatId }, at: now }),
      uploadFailed: '简报文件上传失败，请稍后重试。',
    });
    fileKey ||= r.fileKey;
  }
  let adoptions = 0;
  const month = beijingDate(now).slice(0, 7);
  await deps.prisma.$transaction(async (tx) => {
    const scheme = briefSettings(deps).scores;
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
    const fresh = (await findIssue(tx, issue.id))!;
    if (fresh.state !== 'signed') return;
    await applyTransition(tx, {
      machine: ISSUE_MACHINE,
      action: 'publish',
      from: 'signed',
      write: (to) => updateIssueIf(tx, { ...fresh, state: 'signed' }, { state: to, publishedAt: now, fileKey, fileName: name }),
      event: () => ({ type: ISSUE_TYPE, objectId: issue.id, auditId: issue.number, actor: SYSTEM, at: now, kind: 'publish', text: `${chats.length} 个群` }),
    });
    await refreshIssueCards(tx, issue.id);
  });
  return { groups: chats.length, adoptions };
}
