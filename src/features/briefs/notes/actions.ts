import { z } from 'zod';
import { BotError } from '../../../errors.js';
import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf } from '../../org/index.js';
import { unitName } from '../repositories/liaisons.js';
import type { BriefSeam } from '../subcommands.js';
import { presentReported, REPORT_FORM_ACTION } from './presenters/form.js';
import { reportedText } from './presenters/receipts.js';
import { reportNote } from './use-cases/report.js';
import { officeKinds } from './use-cases/shared.js';

const STALE = '卡片内容已失效，请重新发送「信息 报送」打开表单。';

const reportForm = z.object({
  body: z.string().max(4000).optional().default(''),
  kind: z.string().max(64).optional().default(''),
  mark: z.enum(['none', 'internal', 'secret']).optional().default('none'),
  urgent: z.enum(['no', 'yes']).optional().default('no'),
});

/** The report form's submit: the clicker reports for their own unit (checked as for the command). */
export function registerNoteActions(router: Router, deps: FeatureDeps, seam: BriefSeam): void {
  router.action(REPORT_FORM_ACTION, async (ctx) => {
    const parsed = reportForm.safeParse(ctx.action.formValue ?? {});
    if (!parsed.success) throw new BotError('stale_card', STALE);
    const f = parsed.data;
    const kinds = await officeKinds(deps);
    const actor = actorOf(ctx);
    const input = {
      body: f.body,
      declaredKind: kinds.includes(f.kind) ? f.kind : '',
      internal: f.mark === 'internal',
      secret: f.mark === 'secret',
      urgent: f.urgent === 'yes',
    };
    // One form, one note: a second submit of the same card finds the first note.
    const r = await reportNote(deps, seam, actor, input, { chatId: ctx.chatId, chatType: 'p2p', messageId: `form:${ctx.action.messageId}` }, 'form');
    const working = deps.calendar.current().isWorkingDay(r.note.date);
    const receipt = reportedText(r.note, await unitName(deps.prisma, r.note.unitId), { duplicate: r.duplicate, late: !!r.day?.late, working });
    return { toast: { type: 'success', content: `已报送：${r.note.number}` }, card: presentReported(receipt) };
  });
}
