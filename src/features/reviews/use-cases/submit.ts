import { badInput } from '../../../errors.js';
import { recordEvent } from '../../../platform/events.js';
import { beijingDate } from '../../../platform/time.js';
import { initialPositions } from '../../../platform/workflow/approvals.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, type Actor } from '../../org/index.js';
import { resolveChain } from '../domain/chain.js';
import { KIND_LABEL, kindList, URGENCY_LABEL, type Kind, type Urgency } from '../domain/kinds.js';
import { DRAFT_SERIES, DRAFT_TYPE } from '../object-type.js';
import { loadChainDirectory } from '../repositories/directory.js';
import { insertDraft, stepsOf, type DraftRow } from '../repositories/drafts.js';
import { loadTemplate } from '../repositories/templates.js';
import { loadDraftView } from '../repositories/views.js';
import type { DraftView } from '../view.js';
import { parseDocLink, readRevision } from './documents.js';
import { uploadDraftFile } from './draft-file.js';
import { postChainCards, postHolderCard } from './publish.js';

export interface SubmitInput {
  title: string;
  kind: Kind | undefined;
  /** What the person typed for the kind when it was not understood. */
  kindTyped?: string;
  urgency: Urgency;
  link?: string;
  file?: { messageId: string; key: string; name: string };
  unitId?: string;
  note?: string;
}

const TITLE_MAX = 200;

/**
 * 审核 提交: check everything that can be checked before a row is written — the kind, the document (read
 * through Lark, outside the transaction), the chain (every level resolved to one person) — then in one
 * transaction number the draft, write its levels, and queue the holder's card, the drafter's chain card
 * and the 审核 groups' cards. A refusal writes nothing.
 */
export async function submitDraft(deps: FeatureDeps, actor: Actor, input: SubmitInput): Promise<{ draft: DraftRow; view: DraftView }> {
  authorize(actor, 'reviews.submit');
  const person = actor.person!;
  const title = input.title.trim();
  if (!title) throw badInput('请填写文稿标题。');
  if (title.length > TITLE_MAX) throw badInput(`文稿标题不超过 ${TITLE_MAX} 字。`);
  if (!input.kind) {
    throw badInput(input.kindTyped ? `无法识别文稿类型「${input.kindTyped.slice(0, 20)}」。可选：${kindList()}。` : `请选择文稿类型：${kindList()}。`);
  }
  const kind = input.kind;
  const unitId = input.unitId || person.unitId;
  if (!unitId) throw badInput('您在名册中没有所在单位，请在表单中选择起草单位，或请管理员补充名册。');

  let source: {
    sourceType: 'docx' | 'file';
    docToken?: string;
    docUrl?: string;
    revision: number;
    fileMessageId?: string;
    fileKey?: string;
    fileName?: string;
    sentFileKey?: string;
  };
  if (input.file) {
    source = { sourceType: 'file', fileMessageId: input.file.messageId, fileKey: input.file.key, fileName: input.file.name.slice(0, 200), revision: 1 };
  } else {
    if (!input.link?.trim()) throw badInput('请提供飞书文档链接（…/docx/…），或把文稿文件私聊发给助手。');
    const link = parseDocLink(input.link);
    if (!link) throw badInput('文档链接格式不正确：请复制飞书文档（docx）的链接，形如 https://….feishu.cn/docx/….');
    const revision = await readRevision(deps, link.token);
    source = { sourceType: 'docx', docToken: link.token, docUrl: link.url, revision };
  }

  const [template, directory] = await Promise.all([loadTemplate(deps.prisma, kind), loadChainDirectory(deps.prisma)]);
  if (!directory.hasUnit(unitId)) throw badInput('未找到所选的起草单位，请重新选择。');
  const chain = resolveChain(template.steps, directory, person.id, unitId);
  if (!chain.ok) throw badInput(`${KIND_LABEL[kind]}的审核流程无法确定：${chain.error}`);

  if (input.file) source.sentFileKey = await uploadDraftFile(deps, input.file);

  const now = deps.clock.now();
  const positions = initialPositions(chain.steps.length);
  const first = chain.steps.findIndex((s) => !s.skipped);
  const result = await deps.prisma.$transaction(async (tx) => {
    const number = await DRAFT_SERIES.allocate(tx, Number(beijingDate(now).slice(0, 4)));
    const draft = await insertDraft(
      tx,
      {
        year: number.year,
        seq: number.seq,
        number: number.number,
        title,
        kind,
        urgency: input.urgency,
        ...source,
        drafterId: person.id,
        drafterOpenId: actor.openId,
        unitId,
        note: (input.note ?? '').trim().slice(0, 1000),
        status: 'reviewing',
        currentPosition: positions[first]!,
        submittedAt: now,
        statusAt: now,
      },
      chain.steps.map((s, i) => ({
        position: positions[i]!,
        role: s.role,
        label: s.label,
        personId: s.personId,
        openId: s.openId,
        personName: s.personName,
        status: s.skipped ? 'skipped' : i === first ? 'current' : 'waiting',
        ...(i === first ? { reachedAt: now } : {}),
      })),
    );
    const steps = await stepsOf(tx, draft.id);
    await recordEvent(tx, {
      type: DRAFT_TYPE,
      objectId: draft.id,
      auditId: draft.number,
      actor: actor.openId,
      at: now,
      kind: 'submit',
      text: `${KIND_LABEL[kind]} · ${URGENCY_LABEL[input.urgency]}：${title}`,
      data: { revision: source.revision, chain: steps.map((s) => `${s.label}:${s.personName}`) },
      action: 'submit',
      after: { status: 'reviewing', revision: source.revision, chain: steps.map((s) => ({ level: s.label, person: s.personName, status: s.status })) },
    });
    const view = await loadDraftView(tx, draft, now);
    const holder = steps.find((s) => s.status === 'current')!;
    await postHolderCard(tx, view, holder, `${holder.version}`);
    await postChainCards(tx, view);
    return { draft, view };
  });
  deps.outbox.kick();
  // Edits then come as drive.file.edit_v1; without it the revision is still re-read whenever someone acts.
  if (source.sourceType === 'docx') {
    const sub = await deps.documents.subscribe(source.docToken!);
    if (!sub.ok)
      deps.log.warn(
        { draft: result.draft.number, error: sub.error.kind },
        'review draft: document edit subscription failed (revision still re-read on every act)',
      );
  }
  return result;
}
