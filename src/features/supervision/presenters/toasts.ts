/**
 * What a person is told after a click that changed an item, as an office says it ("已不同意延期申请"),
 * keyed by the action's label in actions.ts. "<label>成功" read as "不同意延期成功".
 */
const DONE: Record<string, string> = {
  签收: '已签收',
  进展反馈: '进展已报送',
  延期申请提交: '延期申请已提交，等待督查科审批',
  同意延期: '已同意延期申请',
  不同意延期: '已不同意延期申请',
  办结申请提交: '办结申请已提交，等待督查科审核销号',
  销号: '已销号',
  退回: '已退回办结申请',
};

export const DONE_LABELS = Object.keys(DONE);

/** The toast for a done action; a label without its own wording reads "已<label>". */
export function doneToast(label: string): string {
  return DONE[label] ?? `已${label}`;
}
