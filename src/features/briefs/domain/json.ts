import type { SixElement } from './kinds.js';

/** The JSON columns of the 政务信息 tables, typed once; parse with `readJson`, never trust a shape blindly. */

/** InfoNote.attachments: one entry per image or file attached to the note. */
export interface NoteAttachment {
  kind: 'image' | 'file';
  key: string;
  name: string;
  messageId: string;
}

/** InfoNote.elements: the six-element check of an urgent note (t15-urgent). */
export type ElementStatus = Partial<Record<SixElement, { present: boolean; text?: string }>>;

/** InfoItem.facts: one checked fact of a draft (the drafting engine's fact check). */
export interface CheckedFact {
  text: string;
  /** number | date | time | place | person | organisation | effect */
  kind: string;
  found: boolean;
  source?: { noteId: string; sentence: string };
}

/** InfoItem.riskyPhrases */
export interface RiskyPhrase {
  phrase: string;
  /** 拔高 | 以点带面 | 臆断 | 绝对化 */
  category: string;
  start: number;
  end: number;
}

/** InfoIssue.distribution: the 报尾's lines. */
export interface Distribution {
  报: string;
  送: string;
  发: string;
}

/** Parses a JSON column, falling back when the text is empty or not JSON (an older row). */
export function readJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
