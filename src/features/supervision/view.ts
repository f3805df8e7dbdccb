import type { ItemStatus } from './domain/states.js';

/** What presenters need to show an item: names resolved, derived figures computed. Pure data. */
export interface ItemView {
  id: string;
  number: string;
  content: string;
  standard: string;
  sourceType: string;
  sourceRef: string;
  promised: boolean;
  urgent: boolean;
  unitName: string;
  personName?: string;
  /** open_id to @-mention the responsible person in group cards, when known. */
  personOpenId?: string;
  leaderName?: string;
  leaderOpenId?: string;
  deadline: string;
  status: ItemStatus;
  statusNote: string;
  progressPercent: number;
  lastProgress?: string;
  /** The 办理结果 the unit submitted with its latest closure request: what the supervisor decides on. */
  result?: string;
  /** Who signed (签收) the item, when no responsible person was named: the liaison who took it on. */
  signerName?: string;
  /** Working days past the deadline (0 = not overdue). */
  overdueDays: number;
  milestones: { title: string; dueDate: string; done: boolean }[];
  pendingExtension?: { id: string; reason: string; proposedDate: string };
}

export interface TimelineEntry {
  at: string;
  who: string;
  what: string;
}

export const SOURCE_LABEL: Record<string, string> = {
  meeting: '会议议定事项',
  instruction: '领导批示',
  proposal: '建议提案',
  key_task: '重点工作',
  other: '其他',
};

export const CYCLE_LABEL: Record<string, string> = { none: '不定期', weekly: '每周', monthly: '每月' };
