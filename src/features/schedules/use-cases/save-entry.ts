import type { Tx } from '../../../db/handles.js';
import { BotError } from '../../../errors.js';
import { notifyEntryChanged, type EntryChange, type EntryChangeKind } from '../changes.js';
import { changedFields, type Entry, type EntryFields } from '../domain/entry.js';
import { insertChange, insertEntry, updateEntryIf } from '../repositories/entries.js';

/**
 * Saving an entry with its history: the row, a ScheduleChange saying who changed what and when (the fields
 * before and after), and the change listeners — all in the caller's transaction, so either everything is
 * kept or nothing. Updates are compare-and-set on the version read: a lost race throws `stale_card`.
 */
export const staleEntry = () => new BotError('stale_card', '该日程刚被他人修改，请查看最新内容后再操作。');

const pickFields = (e: Partial<EntryFields>, keys: readonly (keyof EntryFields)[]) => Object.fromEntries(keys.map((k) => [k, e[k]]));

export async function createEntryWithHistory(tx: Tx, fields: EntryFields, by: { openId: string; at: Date }, kind: EntryChangeKind = 'created'): Promise<Entry> {
  const entry = await insertEntry(tx, fields, by.openId);
  await insertChange(tx, { entryId: entry.id, at: by.at, actor: by.openId, kind, before: '', after: JSON.stringify(fields) });
  await notifyEntryChanged({ kind, before: null, after: entry, actor: by.openId, at: by.at }, tx);
  return entry;
}

export async function updateEntryWithHistory(
  tx: Tx,
  before: Entry,
  next: Partial<EntryFields>,
  by: { openId: string; at: Date },
  kind: EntryChangeKind = 'updated',
): Promise<EntryChange> {
  const after = await updateEntryIf(tx, before, next);
  if (!after) throw staleEntry();
  const keys = changedFields(before, after);
  await insertChange(tx, {
    entryId: before.id,
    at: by.at,
    actor: by.openId,
    kind,
    before: JSON.stringify(pickFields(before, keys)),
    after: JSON.stringify(pickFields(after, keys)),
  });
  const change: EntryChange = { kind, before, after, actor: by.openId, at: by.at };
  await notifyEntryChanged(change, tx);
  return change;
}
