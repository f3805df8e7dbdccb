import { STATUS_LABEL, VISIBILITY_LABEL, timeLabel, type EntryFields } from './entry.js';

/**
 * What a modification changes, one line per field the way people say it: `时间：上午9:00-11:30 → 下午3:00`.
 * Pure; the leader's and dates' wording comes in (names are the use case's, dates the presenter's).
 */
export function describeChanges(before: EntryFields, after: EntryFields, names: { leader: (id: string) => string; date: (d: string) => string }): string[] {
  const out: string[] = [];
  const add = (label: string, a: string, b: string) => {
    if (a !== b) out.push(`${label}：${a || '（无）'} → ${b || '（无）'}`);
  };
  add('领导', names.leader(before.leaderId), names.leader(after.leaderId));
  add('日期', names.date(before.date), names.date(after.date));
  add('时间', timeLabel(before), timeLabel(after));
  add('活动', before.activity, after.activity);
  add('地点', before.place, after.place);
  add('陪同', before.accompany, after.accompany);
  add('参加', before.attendees, after.attendees);
  add('联系人', before.contact, after.contact);
  add('公开范围', VISIBILITY_LABEL[before.visibility], VISIBILITY_LABEL[after.visibility]);
  add('状态', STATUS_LABEL[before.status], STATUS_LABEL[after.status]);
  const remind = (m: number | null) => (m === null ? '默认' : `${m} 分钟`);
  add('提前提醒', remind(before.remindMinutes), remind(after.remindMinutes));
  return out;
}
