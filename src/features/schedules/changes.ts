import type { Tx } from '../../db/handles.js';
import type { Entry } from './domain/entry.js';
import type { Away } from './repositories/aways.js';

/**
 * What happened to an entry, handed to listeners inside the transaction that wrote it: the broadcast side
 * patches the morning card when today's entries change, the calendar sync mirrors the event. A listener
 * enqueues (outbox) rather than sends, so a rolled-back write sends nothing.
 */
export type EntryChangeKind = 'created' | 'updated' | 'confirmed' | 'cancelled' | 'imported';

export interface EntryChange {
  kind: EntryChangeKind;
  /** Null for a new entry. */
  before: Entry | null;
  after: Entry;
  /** open_id of whoever made the change. */
  actor: string;
  at: Date;
}

export type EntryChangeListener = (change: EntryChange, tx: Tx) => Promise<void>;

const listeners: EntryChangeListener[] = [];

/** Registers a listener; returns a function that removes it (tests, a second app in one process). */
export function registerEntryChangeListener(listener: EntryChangeListener): () => void {
  listeners.push(listener);
  return () => {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  };
}

export async function notifyEntryChanged(change: EntryChange, tx: Tx): Promise<void> {
  for (const l of [...listeners]) await l(change, tx);
}

/** A 外出 record filed or withdrawn, handed to listeners in its transaction (the morning card shows 外出). */
export interface AwayChange {
  kind: 'filed' | 'withdrawn';
  /** The record as it now is (withdrawn: at its new version). */
  away: Away;
  actor: string;
  at: Date;
}

export type AwayChangeListener = (change: AwayChange, tx: Tx) => Promise<void>;

const awayListeners: AwayChangeListener[] = [];

export function registerAwayChangeListener(listener: AwayChangeListener): () => void {
  awayListeners.push(listener);
  return () => {
    const i = awayListeners.indexOf(listener);
    if (i >= 0) awayListeners.splice(i, 1);
  };
}

export async function notifyAwayChanged(change: AwayChange, tx: Tx): Promise<void> {
  for (const l of [...awayListeners]) await l(change, tx);
}
