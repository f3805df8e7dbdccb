import { BotError } from '../../../errors.js';
import type { FeatureDeps } from '../../deps.js';
import { STATUS_LABEL, type ItemStatus } from '../domain/states.js';
import { findItemFromSource, itemStates } from '../repositories/source.js';
import { createItemBy } from './create-item.js';

/** Where an item came from, as another feature names it. */
export interface ItemSource {
  title: string;
  /** 承办单位 (Unit.id). */
  unitId: string;
  /** 负责领导 (Person.id); empty: the unit's one 分管领导, as at 督办立项. */
  leaderId?: string;
  /** YYYY-MM-DD */
  deadline: string;
  /** The ledger's source: 会议议定 (meeting), 领导批示 (instruction) … */
  source: '会议议定' | '领导批示' | '建议提案' | '重点工作';
  /** What the item card says it came from: 县政府第3次常务会议 议题2. */
  reference: string;
  /** The row it came from (a MeetingDecision), so a retry finds the item instead of making a second. */
  origin: { type: string; id: string };
  /** Whose act it follows (the open id that 签发ed), recorded as the item's creator. */
  by: string;
}

const SOURCE_TYPE: Record<ItemSource['source'], string> = { 会议议定: 'meeting', 领导批示: 'instruction', 建议提案: 'proposal', 重点工作: 'key_task' };

/**
 * 督办立项 from another feature's act (a 纪要 签发): the same use case as a person's 督办立项 (validation,
 * numbering, cards to the unit and the 督查 groups), authorised by that act. Idempotent per origin: a
 * second call (a retried job) returns the item made the first time.
 */
export async function createItemFromSource(deps: FeatureDeps, s: ItemSource): Promise<{ id: string; number: string; created: boolean }> {
  const sourceType = SOURCE_TYPE[s.source];
  const content = s.title.trim();
  const found = () => findItemFromSource(deps.prisma, { sourceType, sourceRef: s.reference.trim(), content, unitId: s.unitId });
  const existing = await found();
  if (existing) return { id: existing.id, number: existing.number, created: false };
  try {
    const { item } = await createItemBy(
      deps,
      s.by,
      {
        content,
        unit: { id: s.unitId },
        ...(s.leaderId ? { leader: { id: s.leaderId } } : {}),
        deadline: s.deadline,
        sourceType,
        sourceRef: s.reference,
        allowDuplicate: true,
      },
      { once: `source:${s.origin.type}:${s.origin.id}` },
    );
    return { id: item.id, number: item.number, created: true };
  } catch (err) {
    // Another run created it meanwhile (the once-claim refused the second): that one is the item.
    const raced = err instanceof BotError && err.code === 'conflict' ? await found() : null;
    if (raced) return { id: raced.id, number: raced.number, created: false };
    throw err;
  }
}

/** An item's state as a source shows it (落实情况): 督〔2026〕3号 · 办理中; `closed` when 销号. */
export interface ItemState {
  id: string;
  number: string;
  status: ItemStatus;
  statusLabel: string;
  deadline: string;
  closed: boolean;
}

/** The states of the items a source created, by id (an id no longer in the ledger is left out). */
export async function readItemStates(deps: Pick<FeatureDeps, 'prisma'>, ids: readonly string[]): Promise<ItemState[]> {
  return (await itemStates(deps.prisma, ids)).map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status as ItemStatus,
    statusLabel: STATUS_LABEL[r.status as ItemStatus] ?? r.status,
    deadline: r.deadline,
    closed: r.status === 'closed',
  }));
}
