import { recordEvent } from '../../../platform/events.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { ITEM_TYPE } from '../object-type.js';
import { staleCard, updateItemIf, type ItemRow } from '../repository.js';
import type { ItemView } from '../view.js';
import { currentView, postToSupervisionGroups } from './publish.js';

/**
 * The unit's answer to 回访. Only a follow-up that was sent and is due can be answered, once: a forged
 * click on an open item, or on one whose follow-up has not gone out, changes nothing. A relapse is put
 * before the supervisors in the 督查 group.
 */
export async function recordFollowUp(deps: FeatureDeps, actor: string, item: ItemRow, holds: boolean): Promise<ItemView> {
  const now = deps.clock.now();
  const awaiting = { status: 'closed', followUpSentAt: { not: null }, followUpDone: false, followUpDate: { lte: beijingDate(now) } };
  const view = await deps.prisma.$transaction(async (tx) => {
    if (!(await updateItemIf(tx, item, { followUpDone: true }, awaiting))) {
      throw staleCard(item.followUpDone ? '该回访已经答复过了。' : '该事项没有待答复的回访。');
    }
    const text = holds ? '回访：办理成效巩固' : '回访：问题出现反复';
    await recordEvent(tx, { type: ITEM_TYPE, objectId: item.id, auditId: item.number, actor, at: now, kind: 'follow_up', text, after: { holds, note: text } });
    const view = await currentView(deps, tx, item);
    if (!holds) await postToSupervisionGroups(tx, item, { ...view, statusNote: '回访反映问题出现反复' }, `sv-relapse:${item.id}`);
    return view;
  });
  deps.outbox.kick();
  return view;
}
