import { BotError, badInput } from '../../../errors.js';
import { recordEvent } from '../../../platform/events.js';
import { beijingDate } from '../../../platform/time.js';
import { initialPositions } from '../../../platform/workflow/approvals.js';
import type { Tx } from '../../../db/handles.js';
import type { FeatureDeps } from '../../deps.js';
import { KIND_LABEL, URGENCY_LABEL, type Kind } from '../domain/kinds.js';
import { DRAFT_SERIES, DRAFT_TYPE } from '../object-type.js';
import { loadChainDirectory } from '../repositories/directory.js';
import type { Db } from '../repositories/db.js';
import { findDraft, insertDraft, stepsOf, type DraftRow } from '../repositories/drafts.js';
import { loadDraftView } from '../repositories/views.js';
import { postChainCards, postHolderCard } from './publish.js';

/** A draft another feature made (a meeting's 纪要 .docx) and the levels it goes through, in order. */
export interface SystemDraftInput {
  title: string;
  kind: Kind;
  /** Who answers for the draft (Person.id): they get the chain card and any 退回修改. */
  drafterId: string;
  unitId: string;
  file: { name: string; bytes: Buffer };
  /** The levels, named by the feature (办公室主任, 签发): one person each, in order. */
  steps: readonly { label: string; personId: string }[];
  note?: string;
}

/**
 * 文稿审核 for a draft the bot itself generated: it goes through the same chain (holder cards with the
 * file, the chain card, 卡在谁那, the reminders) as any file draft; the levels are the feature's, not a
 * template's. The file is uploaded first (outside the transaction: an upload is not idempotent); then
 * the draft, its levels and its cards are written in one transaction.
 */
export async function submitSystemDraft(deps: FeatureDeps, input: SystemDraftInput): Promise<{ id: string; number: string }> {
  const dir = await loadChainDirectory(deps.prisma);
  const person = (id: string, what: string) => {
    const p = dir.people.find((x) => x.id === id && x.active);
    if (!p?.openId) throw badInput(`${what}未在名册中登记飞书账号，无法送审，请联系管理员完善名册。`);
    return { ...p, openId: p.openId };
  };
  const drafter = person(input.drafterId, '起草人');
  if (!input.steps.length) throw new Error('a system draft needs at least one level');
  const levels = input.steps.map((s) => ({ ...s, person: person(s.personId, s.label) }));
  const upload = await deps.messenger.uploadFile(input.file.name, input.file.bytes, 'doc');
  if (!upload.ok) {
    deps.log.warn({ error: upload.error, bytes: input.file.bytes.length }, 'system draft upload failed');
    throw new BotError('unavailable', '文稿上传失败，请稍后重试。');
  }
  const fileKey = upload.value.fileKey;
  const now = deps.clock.now();
  const positions = initialPositions(levels.length);
  const draft = await deps.prisma.$transaction(async (tx) => {
    const number = await DRAFT_SERIES.allocate(tx, Number(beijingDate(now).slice(0, 4)));
    const row = await insertDraft(
      tx,
      {
        year: number.year,
        seq: number.seq,
        number: number.number,
        title: input.title.slice(0, 200),
        kind: input.kind,
        urgency: 'normal',
        sourceType: 'file',
        fileKey,
        fileName: input.file.name.slice(0, 200),
        sentFileKey: fileKey,
        revision: 1,
        drafterId: drafter.id,
        drafterOpenId: drafter.openId,
        unitId: input.unitId,
        note: (input.note ?? '').slice(0, 1000),
        status: 'reviewing',
        currentPosition: positions[0]!,
        submittedAt: now,
        statusAt: now,
      },
      levels.map((l, i) => ({
        position: positions[i]!,
        role: 'person',
        label: l.label,
        personId: l.person.id,
        openId: l.person.openId,
        personName: l.person.name,
        status: i === 0 ? 'current' : 'waiting',
        ...(i === 0 ? { reachedAt: now } : {}),
      })),
    );
    const steps = await stepsOf(tx, row.id);
    await recordEvent(tx, {
      type: DRAFT_TYPE,
      objectId: row.id,
      auditId: row.number,
      actor: 'system',
      at: now,
      kind: 'submit',
      text: `${KIND_LABEL[input.kind]} · ${URGENCY_LABEL.normal}：${row.title}`,
      data: { revision: 1, chain: steps.map((s) => `${s.label}:${s.personName}`) },
      action: 'submit',
      after: { status: 'reviewing', revision: 1, chain: steps.map((s) => ({ level: s.label, person: s.personName, status: s.status })) },
    });
    const view = await loadDraftView(tx, row, now);
    await postHolderCard(
      tx,
      view,
      steps.find((s) => s.status === 'current')!,
      `${steps[0]!.version}`,
    );
    await postChainCards(tx, view);
    return row;
  });
  deps.outbox.kick();
  return { id: draft.id, number: draft.number };
}

/** A draft whose last level has just signed off (审核完成 / 签发). */
export interface FinalisedDraft {
  id: string;
  number: string;
  title: string;
  revision: number;
  /** Who signed the last level (open id) and when. */
  by: string;
  at: Date;
}

/**
 * Called inside the transaction that finalises a draft, so the feature's own state moves with it (or not
 * at all); it may return work to run after the commit (sending files, other features' use cases).
 * Each listener recognises its own drafts (by id) and ignores the rest.
 */
export type DraftFinalisedListener = (tx: Tx, draft: FinalisedDraft) => Promise<(() => Promise<void>) | void>;

const listeners = new Map<string, DraftFinalisedListener>();

/** Registers (or replaces, by name) a listener for finalised drafts. */
export function onDraftFinalised(name: string, listener: DraftFinalisedListener): void {
  listeners.set(name, listener);
}

/** The listeners' in-transaction work for a finalised draft; the returned after-commit work, in order. */
export async function draftFinalised(tx: Tx, draft: DraftRow, by: string, at: Date): Promise<(() => Promise<void>)[]> {
  const after: (() => Promise<void>)[] = [];
  for (const listener of listeners.values()) {
    const next = await listener(tx, { id: draft.id, number: draft.number, title: draft.title, revision: draft.revision, by, at });
    if (next) after.push(next);
  }
  return after;
}

/**
 * The file a system draft stands on now, when it is no longer the one the feature submitted: a revised
 * file the drafter sent as 修改稿 (the message and file key it came in, to download it). Undefined while
 * the draft still stands on the bot's own file (the feature may rebuild it), or for a document draft.
 */
export async function revisedDraftFile(db: Db, draftId: string): Promise<{ messageId: string; fileKey: string; name: string; revision: number } | undefined> {
  const d = await findDraft(db, draftId);
  if (!d || d.sourceType !== 'file' || !d.fileMessageId || !d.fileKey) return undefined;
  return { messageId: d.fileMessageId, fileKey: d.fileKey, name: d.fileName, revision: d.revision };
}
