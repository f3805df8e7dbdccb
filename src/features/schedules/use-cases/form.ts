import type { Card } from '../../../cards/types.js';
import { chatAudienceFor } from '../../../platform/audience.js';
import type { ActionResponse } from '../../../router/context.js';
import { BotError, notFound } from '../../../errors.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, type Actor } from '../../org/index.js';
import { clockLabel, type EntryFields } from '../domain/entry.js';
import { keptLeaders } from '../policy.js';
import { presentEntryForm, type FormValues } from '../presenters/form.js';
import { presentEntryCard } from '../presenters/entry-card.js';
import type { LeaderName } from '../presenters/text.js';
import { findEntry } from '../repositories/entries.js';
import type { EntryForm } from '../schemas.js';
import { clickedAlone } from './audience.js';
import { dateText, leaderOf, readLeaders } from './directory.js';
import { proposeEntry } from './propose.js';

/** The leaders this actor's form offers: those they keep (every leader for 秘书科). */
async function formLeaders(deps: FeatureDeps, actor: Actor): Promise<LeaderName[]> {
  const all = await readLeaders(deps);
  const kept = keptLeaders(actor);
  return kept === 'all' ? all : all.filter((l) => kept.includes(l.id));
}

export async function openAddForm(deps: FeatureDeps, actor: Actor): Promise<Card> {
  const leaders = await formLeaders(deps, actor);
  // Refused before the form: a stranger learns nothing about which leaders exist.
  if (!leaders.length) authorize(actor, 'schedule.keep', { leaderId: '' });
  return presentEntryForm({ leaders });
}

export function valuesOf(e: EntryFields): FormValues {
  return {
    leader: e.leaderId,
    date: e.date,
    time: clockLabel(e),
    activity: e.activity,
    place: e.place,
    accompany: e.accompany,
    attendees: e.attendees,
    contact: e.contact,
    visibility: e.visibility,
    status: e.status === 'cancelled' ? 'confirmed' : e.status,
    ...(e.remindMinutes !== null ? { remind: String(e.remindMinutes) } : {}),
    backfill: e.backfilled ? 'yes' : 'no',
  };
}

/**
 * 修改 on an entry: the form filled in with the entry as it now is (and the version it is at) — every
 * field, as its keeper sees it. Clicked where others read too (a group), the form goes to the clicker
 * privately and the card clicked stays as it was.
 */
export async function openEditForm(deps: FeatureDeps, actor: Actor, entryId: string, chatId: string): Promise<ActionResponse> {
  const entry = await findEntry(deps.prisma, entryId);
  if (!entry) throw notFound('未找到该日程。');
  authorize(actor, 'schedule.keep', { leaderId: entry.leaderId });
  const leaders = await readLeaders(deps);
  const alone = await clickedAlone(chatAudienceFor(deps.messenger), { chatId, actorOpenId: actor.openId });
  if (entry.status === 'cancelled')
    return {
      toast: { type: 'warning', content: '该日程已取消，不能修改。' },
      ...(alone ? { card: presentEntryCard(entry, leaderOf(leaders, entry.leaderId), dateText(deps, entry.date)) } : {}),
    };
  const form = presentEntryForm({ leaders: await formLeaders(deps, actor), values: valuesOf(entry), entry });
  if (alone) return { card: form };
  await deps.outbox.deliver({
    to: { openId: actor.openId },
    content: { type: 'card', card: form },
    key: `sched-edit-form:${entry.id}:${entry.version}:${actor.openId}`,
    origin: `command:${actor.openId}`,
  });
  return { toast: { type: 'info', content: '修改表单已私信发送给您，请在与助手的单聊中填写。' } };
}

/** The form submitted: the confirmation card, or the form again with what to correct (nothing saved). */
export async function submitForm(
  deps: FeatureDeps,
  actor: Actor,
  ref: { e?: string | undefined; v?: number | undefined },
  f: EntryForm,
  /** The chat the form was submitted in (the confirmation card replaces it there). */
  chatId: string,
): Promise<ActionResponse> {
  const entry = ref.e ? await findEntry(deps.prisma, ref.e) : null;
  if (ref.e && !entry) throw notFound('未找到该日程。');
  if (entry) authorize(actor, 'schedule.keep', { leaderId: entry.leaderId });
  const values: FormValues = { ...f };
  const again = async (error: string): Promise<ActionResponse> => ({
    toast: { type: 'error', content: error.split('\n')[0]! },
    card: presentEntryForm({ leaders: await formLeaders(deps, actor), values, error, ...(entry ? { entry } : {}) }),
  });
  if (entry && entry.version !== ref.v) {
    const leaders = await readLeaders(deps);
    return {
      toast: { type: 'warning', content: '该日程在您填写期间已被他人修改，请核对最新内容后再修改。' },
      card: presentEntryCard(entry, leaderOf(leaders, entry.leaderId), dateText(deps, entry.date)),
    };
  }
  if (!f.leader) return again('请选择领导。');
  try {
    const card = await proposeEntry(deps, actor, {
      leader: { id: f.leader },
      raw: {
        date: f.date,
        time: f.time,
        activity: f.activity,
        place: f.place,
        accompany: f.accompany,
        attendees: f.attendees,
        contact: f.contact,
        visibility: f.visibility,
        status: f.status,
        remind: f.remind,
        backfill: f.backfill === 'yes',
      },
      ...(entry ? { entry } : {}),
      chat: { chatId, clicked: true },
    });
    return { card };
  } catch (err) {
    if (err instanceof BotError && err.code === 'bad_input') return again(err.userMessage);
    throw err;
  }
}
