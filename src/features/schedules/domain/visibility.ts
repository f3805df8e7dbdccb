import { byTime, timeLabel, type EntryFields } from './entry.js';

/**
 * Who reads an entry, for what it may show:
 * - `keeper`: the leader and those who keep the leader's entries (every field);
 * - `internal`: one of the office's own people (isInsider), or an internal group (a bound 日程 or 领导 group
 *   whose every member is one of them);
 * - `external`: any other group or person — a town's or department's liaison is in the directory but
 *   not inside, nor is anyone the directory does not know.
 * 公开 is shown in full everywhere; 内部 in full to internal readers and not at all elsewhere; 不公开 in
 * full only to keepers and elsewhere as 「公务活动」 (the leader is busy, with nothing more said).
 */
export type Audience = 'keeper' | 'internal' | 'external';

export const PRIVATE_PLACEHOLDER = '公务活动';

/**
 * What a day says of a leader whose every live entry is hidden from the reader (内部 outside internal
 * groups): not 在单位办公, which would be false, nor anything of the entries; the wording of the import's
 * 另有安排, for a whole day.
 */
export const HIDDEN_DAY_TEXT = '另有公务安排';

/** The roles that make a person one of the office's own: the leaders, the office's directors and the secretaries. */
export const INSIDER_ROLES = ['leader', 'director', 'secretary'] as const;

/** The unit kind of the office's own sections (秘书科, 督查科, …). */
export const OFFICE_SECTION = 'office_section';

/**
 * Whether a person reads as inside (内部 entries in full): the office's own people — a leader, a director,
 * a secretary, or anyone of one of the office's sections. Being in the directory is not enough: the
 * towns' and departments' liaisons and the legal reviewers are listed there too. Groups follow the same
 * rule for every member.
 */
export function isInsider(p: { roles: readonly string[]; unitKind: string | null | undefined }): boolean {
  return p.unitKind === OFFICE_SECTION || p.roles.some((r) => (INSIDER_ROLES as readonly string[]).includes(r));
}

/** The parts of an entry a reader may see; null when the entry is not shown to them at all. */
export interface VisibleEntry {
  time: string;
  activity: string;
  place: string;
  accompany: string;
  attendees: string;
  /** 拟定 entries are marked as such wherever they are shown. */
  draft: boolean;
}

type Shown = Pick<EntryFields, 'dayPart' | 'startMinute' | 'endMinute' | 'activity' | 'place' | 'accompany' | 'attendees' | 'visibility' | 'status'>;

export function visibleEntry(e: Shown, audience: Audience): VisibleEntry | null {
  if (e.status === 'cancelled') return null;
  const full = { time: timeLabel(e), activity: e.activity, place: e.place, accompany: e.accompany, attendees: e.attendees, draft: e.status === 'draft' };
  if (audience === 'keeper' || e.visibility === 'public') return full;
  if (e.visibility === 'internal') return audience === 'internal' ? full : null;
  return { time: full.time, activity: PRIVATE_PLACEHOLDER, place: '', accompany: '', attendees: '', draft: full.draft };
}

/**
 * One line for a broadcast, a list or an export: `上午9:00-11:30 主持召开县政府常务会议（地点：三楼会议室；陪同：李秘书）`,
 * with （拟定） after a draft. Plain text: a presenter escapes it for card markdown. Null when not shown.
 */
export function visibleText(e: Shown, audience: Audience): string | null {
  const v = visibleEntry(e, audience);
  if (!v) return null;
  const notes = [v.place && `地点：${v.place}`, v.accompany && `陪同：${v.accompany}`, v.attendees && `参加：${v.attendees}`].filter(Boolean);
  return `${v.time} ${v.activity}${notes.length ? `（${notes.join('；')}）` : ''}${v.draft ? '（拟定）' : ''}`;
}

/** A day's entries for one reader: by time, cancelled and hidden ones left out. */
export function visibleDay<T extends Shown>(entries: readonly T[], audience: Audience): { entry: T; text: string }[] {
  return byTime(entries).flatMap((entry) => {
    const text = visibleText(entry, audience);
    return text ? [{ entry, text }] : [];
  });
}

/** True when the reader sees none of `entries` though some are live: the day reads HIDDEN_DAY_TEXT, not 在单位办公. */
export function onlyHidden(entries: readonly Shown[], audience: Audience): boolean {
  const live = entries.filter((e) => e.status !== 'cancelled');
  return live.length > 0 && live.every((e) => !visibleEntry(e, audience));
}
