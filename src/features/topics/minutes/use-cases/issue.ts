import type { Tx } from '../../../../db/handles.js';
import { BotError } from '../../../../errors.js';
import { recordEvent } from '../../../../platform/events.js';
import { deliverFile } from '../../../../platform/export/deliver-file.js';
import { enqueue } from '../../../../platform/outbox/outbox.js';
import { beijingDate } from '../../../../platform/time.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { readDirectory, unitNameOf } from '../../../org/index.js';
import { revisedDraftFile, type FinalisedDraft } from '../../../reviews/index.js';
import { createItemFromSource, readItemStates } from '../../../supervision/index.js';
import { MEETING_MACHINE, type MeetingStatus } from '../../machine.js';
import { MEETING_TYPE, minutesSeries } from '../../object-type.js';
import { findMeetingType, type MeetingTypeRow } from '../../repositories/meeting-types.js';
import { decisionsOfMeeting, updateDecisionIf } from '../../repositories/decisions.js';
import { findMeeting, updateMeetingIf, type MeetingRow } from '../../repositories/meetings.js';
import { topicsOnMeeting } from '../../repositories/topics.js';
import { meetingOfReviewDraft, personBrief, unitLiaisons } from '../repositories/minutes.js';
import { minutesFileName } from '../domain/document.js';
import { stampMinutesNumber } from '../domain/stamp.js';
import { minutesDocx } from './draft.js';
import { agendaPlace } from './lookup.js';
import { minutesContent } from './minutes-content.js';
import { refreshAgendaOf } from '../../meetings/use-cases/arrange.js';

const SYSTEM = 'system:minutes';

/**
 * 签发 (the review chain's last level signed, in its transaction): the 纪要 is numbered 〔2026〕N号 (per
 * type per year) and marked signed; its 印发 follows the commit (and is retried by the sweep if cut short).
 */
export async function onMinutesSigned(deps: FeatureDeps, tx: Tx, draft: FinalisedDraft): Promise<(() => Promise<void>) | void> {
  const m = await meetingOfReviewDraft(tx, draft.id);
  if (!m || m.minutesStatus !== 'reviewing') return;
  const type = (await findMeetingType(tx, m.meetingTypeId))!;
  const year = Number(beijingDate(draft.at).slice(0, 4));
  const n = await minutesSeries(type).allocate(tx, year);
  const ok = await updateMeetingIf(tx, m, {
    minutesStatus: 'signed',
    minutesYear: n.year,
    minutesSeq: n.seq,
    minutesNumber: n.number,
    minutesSignedAt: draft.at,
  });
  if (!ok) throw new Error(`meeting ${m.id} changed while its minutes were signed`);
  await recordEvent(tx, {
    type: MEETING_TYPE,
    objectId: m.id,
    auditId: m.number,
    actor: draft.by,
    at: draft.at,
    kind: 'minutes_signed',
    text: `${type.minutesTitle}${n.number}（${draft.number}）`,
    after: { minutesNumber: n.number },
  });
  return () => issueMinutes(deps, m.id).then(() => undefined);
}

/**
 * 印发: the numbered .docx sent as a file to the meeting group and to the liaisons of every unit with a
 * decision; each decision with a unit and a deadline becomes a 督查督办 item (source 会议议定, reference
 * 县政府第N次常务会议 议题X); then the meeting is 纪要已印发. Every step is idempotent (keyed sends, items
 * found by their origin), so the sweep may run it again after a failure.
 */
export async function issueMinutes(deps: FeatureDeps, meetingId: string): Promise<{ items: number; notes: string[] }> {
  const m = await findMeeting(deps.prisma, meetingId);
  if (!m || m.status !== 'minutes' || m.minutesStatus !== 'signed') return { items: 0, notes: [] };
  const type = (await findMeetingType(deps.prisma, m.meetingTypeId))!;
  const now = deps.clock.now();
  const notes: string[] = [];
  const file = await issuedFile(deps, m, type, now, notes);
  const send = (to: { chatId: string } | { openId: string }, scope: string) =>
    deliverFile(deps, {
      file: { name: file.name, bytes: file.bytes, type: 'doc' },
      recipient: { kind: 'send', to },
      texts: [`【纪要印发】${type.minutesTitle}${m.minutesNumber}（${m.number}），请认真抓好落实。`],
      key: `minutes-issue:${m.id}`,
      scope,
      origin: `minutes:${m.number}`,
      audit: (fileKey) => ({ actor: SYSTEM, objectType: MEETING_TYPE, objectId: m.id, action: 'issue_file', after: { fileKey, to: scope }, at: now }),
      uploadFailed: '纪要文件上传失败，稍后将自动重试。',
    });
  let groupKey = '';
  if (type.chatId) groupKey = (await send({ chatId: type.chatId }, `group:${type.chatId}`)).fileKey;
  else notes.push(`${type.name}尚未绑定会议群，纪要未发群。`);
  const decisions = await decisionsOfMeeting(deps.prisma, m.id);
  const dir = await readDirectory(deps.prisma);
  for (const unitId of [...new Set(decisions.map((d) => d.unitId))]) {
    const liaisons = await unitLiaisons(deps.prisma, unitId);
    if (!liaisons.length) notes.push(`${unitNameOf(dir, unitId)}未登记联络员，纪要未能发送到该单位。`);
    for (const l of liaisons) await send({ openId: l.openId! }, `unit:${unitId}:${l.id}`);
  }
  const agenda = await topicsOnMeeting(deps.prisma, m.id);
  let items = 0;
  for (const d of decisions) {
    if (d.supervisionItemId || !d.deadline) continue;
    const item = await createItemFromSource(deps, {
      title: d.content,
      unitId: d.unitId,
      ...(d.leaderId ? { leaderId: d.leaderId } : {}),
      deadline: d.deadline,
      source: '会议议定',
      reference: `${m.number} 议题${agendaPlace(agenda, d.topicId)}`,
      origin: { type: 'meeting_decision', id: d.id },
      by: SYSTEM,
    }).catch((err: unknown) => {
      // A deadline already past by 签发 (or a unit since removed) is the ledger's refusal: noted, not retried.
      if (err instanceof BotError && err.code === 'bad_input') {
        notes.push(`议定事项「${d.content.slice(0, 20)}」未能立项：${err.userMessage}`);
        return undefined;
      }
      throw err;
    });
    if (!item) continue;
    await deps.prisma.$transaction(async (tx) => {
      if (!(await updateDecisionIf(tx, d, { supervisionItemId: item.id, supervisionNumber: item.number })))
        deps.log.warn({ decision: d.id }, 'minutes: decision changed while its item was created');
    });
    items++;
  }
  await deps.prisma.$transaction(async (tx) => {
    const fresh = (await findMeeting(tx, m.id))!;
    if (fresh.minutesStatus !== 'signed') return;
    await applyTransition(tx, {
      machine: MEETING_MACHINE,
      action: 'issue',
      from: fresh.status as MeetingStatus,
      write: (to) => updateMeetingIf(tx, fresh, { status: to, statusAt: now, minutesStatus: 'issued', minutesIssuedAt: now, minutesFileKey: groupKey }),
      event: () => ({
        type: MEETING_TYPE,
        objectId: m.id,
        auditId: m.number,
        actor: SYSTEM,
        at: now,
        kind: 'issue',
        text: `${m.minutesNumber}，督办事项 ${items} 项`,
      }),
    });
    await refreshAgendaOf(tx, m.id);
    // What could not be done is told to the drafter, once, with the issue it belongs to.
    const drafter = notes.length && fresh.minutesDrafterId ? await personBrief(tx, fresh.minutesDrafterId) : null;
    if (drafter?.openId)
      await enqueue(tx, {
        to: { openId: drafter.openId },
        content: { type: 'text', text: `【纪要印发】${m.number}纪要${m.minutesNumber}已印发，但：\n${notes.join('\n')}` },
        key: `minutes-issue-notes:${m.id}`,
        origin: `minutes:${m.number}`,
      });
  });
  deps.outbox.kick();
  if (notes.length) deps.log.warn({ meeting: m.id, notes: notes.length }, 'minutes issued with notes');
  return { items, notes };
}

/**
 * The file 印发 sends: the reviewed final version. When the draft was revised in the chain (a 修改稿 the
 * drafter sent), that file is downloaded and its 〔2026〕　　号 line filled with the 签发 number — the
 * reviewers' edits are what is issued. A draft never revised stands on the bot's own file: rebuilt from
 * the records with the number (the same text the reviewers saw).
 */
async function issuedFile(deps: FeatureDeps, m: MeetingRow, type: MeetingTypeRow, now: Date, notes: string[]): Promise<{ name: string; bytes: Buffer }> {
  const content = await minutesContent(deps.prisma, m, type, now);
  const revised = m.reviewDraftId ? await revisedDraftFile(deps.prisma, m.reviewDraftId) : undefined;
  if (!revised) return minutesDocx(deps, content);
  const downloaded = await deps.messenger.downloadFile(revised.messageId, revised.fileKey);
  if (!downloaded.ok) {
    deps.log.warn({ meeting: m.id, error: downloaded.error }, 'minutes: the reviewed final file could not be downloaded');
    throw new BotError('unavailable', '纪要定稿文件下载失败，稍后将自动重试。');
  }
  const stamped = await stampMinutesNumber(downloaded.value, m.minutesNumber);
  if (!stamped.stamped)
    notes.push(`定稿「${revised.name}」中未找到文号位置（〔${m.minutesNumber.slice(1, 5)}〕　　号），已按定稿原样印发，文号${m.minutesNumber}见印发通知。`);
  return { name: minutesFileName(content), bytes: stamped.bytes };
}

/** 落实情况 of a meeting: each decision's item and state; `all` once every item is 销号 (none left open). */
export async function implementationOf(deps: FeatureDeps, meetingId: string) {
  const decisions = await decisionsOfMeeting(deps.prisma, meetingId);
  const states = await readItemStates(
    deps,
    decisions.flatMap((d) => (d.supervisionItemId ? [d.supervisionItemId] : [])),
  );
  const byId = new Map(states.map((s) => [s.id, s]));
  const rows = decisions.map((d) => ({ decision: d, item: d.supervisionItemId ? byId.get(d.supervisionItemId) : undefined }));
  const tracked = rows.filter((r) => r.item);
  return { rows, all: tracked.length > 0 && tracked.every((r) => r.item!.closed) };
}

/** 全部落实: an issued meeting whose every item is 销号 moves to 全部落实 (the sweep and 会议 落实 call this). */
export async function checkImplemented(deps: FeatureDeps, meetingId: string): Promise<boolean> {
  const m = await findMeeting(deps.prisma, meetingId);
  if (!m || m.status !== 'issued') return m?.status === 'implemented';
  if (!(await implementationOf(deps, meetingId)).all) return false;
  const now = deps.clock.now();
  await deps.prisma.$transaction((tx) =>
    applyTransition(tx, {
      machine: MEETING_MACHINE,
      action: 'implement',
      from: m.status as MeetingStatus,
      write: (to) => updateMeetingIf(tx, m, { status: to, statusAt: now, implementedAt: now }),
      event: () => ({ type: MEETING_TYPE, objectId: m.id, auditId: m.number, actor: SYSTEM, at: now, kind: 'implement', text: '议定事项全部销号' }),
    }).then(() => refreshAgendaOf(tx, m.id)),
  );
  return true;
}
