import { BotError, badInput } from '../../../../errors.js';
import type { ActionResponse } from '../../../../router/context.js';
import type { Card } from '../../../../cards/types.js';
import { recordEvent } from '../../../../platform/events.js';
import { describeDate } from '../../../../platform/phrases/index.js';
import { beijingDate, isValidIsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { matchMeetingType } from '../../domain/meeting-types.js';
import { MEETING_TYPE, meetingSeries } from '../../object-type.js';
import { counterValue, meetingAt } from '../../repositories/agenda.js';
import { findMeetingType, listMeetingTypes, seedMeetingTypes, type MeetingTypeRow } from '../../repositories/meeting-types.js';
import { insertMeeting, type MeetingRow } from '../../repositories/meetings.js';
import { parseMeetingLine, startOf } from '../domain/line.js';
import { presentNewMeetingConfirm, presentNewMeetingForm } from '../presenters/confirm-card.js';
import { clockText, whenText } from '../presenters/text.js';
import { arrangeCard } from './load.js';

const today = (deps: FeatureDeps) => beijingDate(deps.clock.now());

async function typesOf(deps: FeatureDeps): Promise<MeetingTypeRow[]> {
  const types = await listMeetingTypes(deps.prisma, { activeOnly: true });
  return types.length ? types : (await seedMeetingTypes(deps.prisma)).filter((t) => t.active);
}

/** The type a person typed, or a message naming the configured ones. */
export async function resolveMeetingType(deps: FeatureDeps, typed: string): Promise<MeetingTypeRow> {
  const types = await typesOf(deps);
  const hit = matchMeetingType(types, typed);
  if (!hit) throw badInput(`没有「${typed.slice(0, 20)}」这一会议类型，未新建会议。现有会议类型：${types.map((t) => t.code).join('、') || '（尚未配置）'}。`);
  return hit;
}

const pastMessage = (when: string) => `会议时间${when}已过，不能新建已过时间的会议，未新建。请核对日期和时间。`;

function refusePast(deps: FeatureDeps, startsAt: Date): void {
  if (startsAt.getTime() <= deps.clock.now().getTime()) throw badInput(pastMessage(whenText(startsAt)));
}

async function confirmCard(deps: FeatureDeps, type: MeetingTypeRow, date: string, minute: number, place: string, notes: string[]): Promise<Card> {
  const startsAt = startOf(date, minute);
  refusePast(deps, startsAt);
  const cal = deps.calendar.current();
  const all = [...notes, ...(cal.isWorkingDay(date) ? [] : ['会议日期为休息日，请核对'])];
  const series = meetingSeries(type);
  const year = Number(date.slice(0, 4));
  const expected = series.format({ year, seq: (await counterValue(deps.prisma, `${series.key}:${year}`)) + 1 });
  return presentNewMeetingConfirm({
    typeId: type.id,
    typeName: type.name,
    date,
    minute,
    whenText: `${describeDate(date, today(deps), cal)}${clockText(minute)}`,
    place,
    notes: all,
    expectedNumber: expected,
  });
}

/** `会议 新建 <类型> <日期时间> <地点>`: what was understood, on a card; nothing is created yet. */
export async function proposeMeeting(deps: FeatureDeps, actor: Actor, argv: readonly string[]): Promise<Card> {
  authorize(actor, 'topics.office');
  const line = parseMeetingLine(argv, { today: today(deps), calendar: deps.calendar.current() });
  const type = await resolveMeetingType(deps, line.typeText);
  return confirmCard(deps, type, line.date.date, line.startMinute, line.place, line.notes);
}

/** The form of 修改, filled in with what the card said. */
export async function editForm(deps: FeatureDeps, actor: Actor, v: { t: string; d: string; n: number; p: string }): Promise<Card> {
  authorize(actor, 'topics.office');
  const type = await findMeetingType(deps.prisma, v.t);
  return presentNewMeetingForm({ type: type?.code ?? '', when: isValidIsoDate(v.d) ? `${v.d} ${clockText(v.n)}` : '', place: v.p });
}

/** The form submitted: the confirmation again, or the form with the message. */
export async function submitForm(deps: FeatureDeps, actor: Actor, f: { type: string; when: string; place: string }): Promise<ActionResponse> {
  authorize(actor, 'topics.office');
  try {
    const words = [f.type.trim(), ...f.when.trim().split(/\s+/), f.place.trim()].filter(Boolean);
    return { card: await proposeMeeting(deps, actor, words) };
  } catch (err) {
    if (err instanceof BotError && err.code === 'bad_input')
      return { toast: { type: 'error', content: err.userMessage.slice(0, 200) }, card: presentNewMeetingForm({ ...f, error: err.userMessage }) };
    throw err;
  }
}

/**
 * 确认: the meeting is created with its number (县政府第N次常务会议, per type per year), unless the time has
 * passed meanwhile. The counter's bump locks it, so of two clicks at once the second finds the first's
 * meeting at that time and is told so (its number is given back).
 */
export async function confirmMeeting(deps: FeatureDeps, actor: Actor, v: { t: string; d: string; n: number; p: string }): Promise<ActionResponse> {
  authorize(actor, 'topics.office');
  const type = await findMeetingType(deps.prisma, v.t);
  if (!type || !type.active) throw new BotError('stale_card', '该会议类型已停用或不存在，未新建会议。');
  if (!isValidIsoDate(v.d) || v.n < 0 || v.n >= 24 * 60 || !v.p.trim()) throw new BotError('stale_card', '卡片内容已失效，请重新发送「会议 新建」。');
  const startsAt = startOf(v.d, v.n);
  refusePast(deps, startsAt);
  const now = deps.clock.now();
  const outcome = await deps.prisma
    .$transaction(async (tx): Promise<{ created: boolean; meeting: MeetingRow }> => {
      const n = await meetingSeries(type).allocate(tx, Number(v.d.slice(0, 4)));
      const existing = await meetingAt(tx, type.id, startsAt);
      if (existing) throw new Existing(existing);
      const meeting = await insertMeeting(tx, {
        meetingTypeId: type.id,
        year: n.year,
        seq: n.seq,
        number: n.number,
        startsAt,
        place: v.p.trim(),
        status: 'planned',
        statusAt: now,
        createdById: actor.person?.id ?? '',
        createdByOpenId: actor.openId,
      });
      await recordEvent(tx, {
        type: MEETING_TYPE,
        objectId: meeting.id,
        auditId: meeting.number,
        actor: actor.openId,
        at: now,
        kind: 'create',
        text: `${whenText(startsAt)} ${meeting.place}`,
        after: { number: meeting.number, startsAt: startsAt.toISOString(), place: meeting.place },
      });
      return { created: true, meeting };
    })
    .catch((err: unknown) => {
      if (err instanceof Existing) return { created: false, meeting: err.meeting };
      throw err;
    });
  const m = outcome.meeting;
  if (!outcome.created)
    return { toast: { type: 'info', content: `${m.number}已新建（${whenText(m.startsAt)}），未重复新建。` }, card: await arrangeCard(deps, m.id) };
  return {
    toast: { type: 'success', content: `已新建${m.number}。` },
    card: await arrangeCard(deps, m.id, `已新建${m.number}，请从待列入议程的议题中安排议程。`),
  };
}

/** Thrown inside the transaction to roll back the counter's bump when the meeting is there already. */
class Existing extends Error {
  constructor(readonly meeting: MeetingRow) {
    super('meeting exists');
  }
}
