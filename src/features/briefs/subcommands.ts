import type { CommandContext } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import type { Tx } from '../../db/handles.js';
import type { FeatureDeps } from '../deps.js';
import type { NoteRow } from './repositories/notes.js';

/**
 * One `信息 <word> …` subcommand. The 信息 command (commands.ts) dispatches on the first word; each part of
 * the feature (notes, urgent, drafting, issues) adds its own words through the seam. Usage lines feed the
 * usage text and the help card.
 */
export interface BriefSubcommand {
  /** The words that select it (the first is the one shown), e.g. ['报送', '上报'] */
  words: readonly string[];
  usage: string;
  summary: string;
  run(ctx: CommandContext, argv: readonly string[]): Promise<void>;
}

/** What happened to a note, handed to listeners inside the transaction that wrote it (enqueue, never send). */
export type NoteChangeKind = 'reported' | 'edited' | 'withdrawn' | 'used' | 'returned' | 'attached';

export interface NoteChange {
  kind: NoteChangeKind;
  /** Null for a new note. */
  before: NoteRow | null;
  after: NoteRow;
  /** open_id of whoever made the change. */
  actor: string;
  at: Date;
}

export type NoteChangeListener = (change: NoteChange, tx: Tx) => Promise<void>;

/** What registerBriefs hands each part: add subcommands, listen to note changes. One per registration (no module state). */
export interface BriefSeam {
  subcommands(...subs: BriefSubcommand[]): void;
  onNoteChange(listener: NoteChangeListener): void;
  /** Runs the listeners (the notes part calls it inside its transactions). */
  notifyNoteChanged(change: NoteChange, tx: Tx): Promise<void>;
}

/** One part of 政务信息: registers its actions, jobs and timers on the router and its words on the seam. */
export type BriefPart = (router: Router, deps: FeatureDeps, seam: BriefSeam) => void;

export function createSeam(): BriefSeam & { all(): readonly BriefSubcommand[] } {
  const subs: BriefSubcommand[] = [];
  const listeners: NoteChangeListener[] = [];
  return {
    subcommands: (...more) => {
      for (const s of more) {
        const taken = s.words.find((w) => subs.some((o) => o.words.includes(w)));
        if (taken) throw new Error(`信息 subcommand word registered twice: ${taken}`);
        subs.push(s);
      }
    },
    onNoteChange: (l) => void listeners.push(l),
    notifyNoteChanged: async (change, tx) => {
      for (const l of listeners) await l(change, tx);
    },
    all: () => subs,
  };
}
