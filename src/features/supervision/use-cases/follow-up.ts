import { BotError } from '../../../errors.js';
import { recordAudit } from '../../../platform/audit.js';
import type { FeatureDeps } from '../../index.js';
import { addEvent, type ItemRow } from '../repository.js';
import type { ItemView } from '../view.js';
import { currentView, postToSupervisionGroups } from './publish.js';

/** The unit's answer to 回访. A relapse is put before the supervisors in the 督查 group. */
export async function recordFollowUp(deps: FeatureDeps, actor: string, item: ItemRow, holds: boolean): Promise<ItemView> {
  const now = deps.clock.now();
  const view = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.supervisionItem.updateMany({ where: { id: item.id, followUpDone: false }, data: { followUpDone: true } });
    if (!count) throw new BotError('stale_card', '该回访已经答复过了。');
    const text = holds ? '回访：办理成效巩固' : '回访：问题出现反复';
    await addEvent(tx, { itemId: item.id, at: now, actor, kind: 'follow_up', text });
    await recordAudit(tx, { actor, objectType: 'supervision_item', objectId: item.number, action: 'follow_up', after: { holds }, at: now });
    const view = await currentView(deps, tx, item);
    if (!holds) await postToSupervisionGroups(tx, item, { ...view, statusNote: '回访反映问题出现反复' }, `sv-relapse:${item.id}`);
    return view;
  });
  deps.outbox.kick();
  return view;
}
