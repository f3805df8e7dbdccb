import { badInput, BotError } from '../../../../errors.js';
import { buildDocxInThread } from '../../../../platform/export/docx/docx-build.js';
import { asFileBuildFailure } from '../../../../platform/export/deliver-file.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { submitSystemDraft } from '../../../reviews/index.js';
import { MEETING_MACHINE, type MeetingStatus } from '../../machine.js';
import { MEETING_TYPE } from '../../object-type.js';
import { findMeeting, updateMeetingIf } from '../../repositories/meetings.js';
import { minutesDocument, minutesFileName, type MinutesContent } from '../domain/document.js';
import { officeDirectors, personBrief } from '../repositories/minutes.js';
import { meetingById } from './lookup.js';
import { minutesContent } from './minutes-content.js';
import { refreshAgendaOf } from '../../meetings/use-cases/arrange.js';

/** The .docx of a 纪要 through the shared docx service (GB/T 9704), built off the event loop. */
export async function minutesDocx(deps: Pick<FeatureDeps, 'log'>, content: MinutesContent): Promise<{ name: string; bytes: Buffer }> {
  try {
    const built = await buildDocxInThread(minutesDocument(content));
    return { name: minutesFileName(content), bytes: built.bytes };
  } catch (err) {
    throw asFileBuildFailure(deps, err, '纪要文件生成失败，请稍后重试。');
  }
}

/**
 * 生成纪要: the .docx from the recorded outcomes and decisions, sent as a 文稿审核 draft (会议纪要) through
 * 办公室主任 → the presiding leader's 签发, so it shows in 卡在谁那 like any draft; the meeting goes 纪要办理中.
 */
export async function draftMinutes(
  deps: FeatureDeps,
  actor: Actor,
  meetingId: string,
): Promise<{ draftNumber: string; directorName: string; presidingName: string }> {
  authorize(actor, 'topics.office');
  const { meeting, type } = await meetingById(deps, meetingId);
  if (meeting.status !== 'held') {
    if (meeting.status === 'planned' || meeting.status === 'published') throw badInput(`${meeting.number}尚未召开，请先发送「会议 召开 ${meeting.number}」。`);
    throw badInput(`${meeting.number}的纪要已送审，无需重复生成。`);
  }
  if (!type.presidingId) throw badInput(`${type.name}尚未配置主持领导，纪要无法送签发，请管理员发送「会议 类型」配置。`);
  const directors = (await officeDirectors(deps.prisma)).filter((d) => d.openId);
  const director = directors.find((d) => d.title.includes('主任') && !d.title.includes('副')) ?? directors[0];
  if (!director) throw badInput('名册中没有登记办公室主任（「办公室主任」角色），纪要无法送审。');
  const drafterId = meeting.minutesDrafterId || actor.person?.id;
  if (!drafterId) throw badInput('您不在名册中，无法起草纪要。');
  const now = deps.clock.now();
  const content = await minutesContent(deps.prisma, meeting, type, now);
  const file = await minutesDocx(deps, content);
  const drafterUnit = actor.person?.unitId ?? '';
  const draft = await submitSystemDraft(deps, {
    title: `${meeting.number}纪要`,
    kind: 'minutes',
    drafterId,
    unitId: drafterUnit,
    file,
    steps: [
      { label: '办公室主任审核', personId: director.id },
      { label: '主持领导签发', personId: type.presidingId },
    ],
    note: `${type.name}纪要，应于${meeting.minutesDueDate}前完成。`,
  });
  await deps.prisma
    .$transaction(async (tx) => {
      const m = (await findMeeting(tx, meeting.id))!;
      // Outcomes and decisions bump the meeting's version: one recorded while the .docx was built is not in it.
      if (m.version !== meeting.version)
        throw new BotError(
          'conflict',
          `${m.number}的审议结果或议定事项在生成纪要期间有变化，纪要未送审。请重新发送「会议 纪要 ${m.number}」；刚生成的送审稿${draft.number}请在文稿审核中撤回。`,
        );
      await applyTransition(tx, {
        machine: MEETING_MACHINE,
        action: 'start_minutes',
        from: m.status as MeetingStatus,
        write: (to) => updateMeetingIf(tx, m, { status: to, statusAt: now, minutesStatus: 'reviewing', reviewDraftId: draft.id, minutesFileName: file.name }),
        event: () => ({
          type: MEETING_TYPE,
          objectId: m.id,
          auditId: m.number,
          actor: actor.openId,
          at: now,
          kind: 'minutes_drafted',
          text: `纪要送审稿 ${draft.number}`,
          data: { draft: draft.number },
        }),
        staleMessage: `${m.number}刚有变化（纪要可能已由他人送审），请发送「会议 落实 ${m.number}」查看。`,
      });
      await refreshAgendaOf(tx, m.id);
    })
    .catch((err: unknown) => {
      // The draft stands in 文稿审核 without its meeting: said plainly, for the office to withdraw it there.
      if (err instanceof BotError) deps.log.warn({ meeting: meeting.id, draft: draft.number }, 'minutes draft submitted but the meeting moved meanwhile');
      throw err;
    });
  const presiding = await personBrief(deps.prisma, type.presidingId);
  return { draftNumber: draft.number, directorName: director.name, presidingName: presiding?.name ?? '' };
}
