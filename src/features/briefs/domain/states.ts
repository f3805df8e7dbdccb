/** The codes stored in the 政务信息 tables, and the words users see for them. */

/** InfoNote.state */
export const NOTE_STATES = ['reported', 'withdrawn', 'used', 'returned'] as const;
export type NoteState = (typeof NOTE_STATES)[number];
export const NOTE_STATE_LABEL: Record<NoteState, string> = { reported: '已报送', withdrawn: '已撤回', used: '已采用', returned: '已退回' };
/** A note its reporter may still edit or withdraw (an editor has not used it). */
export const isOpenNote = (state: string): boolean => state === 'reported' || state === 'returned';

/** InfoDayStatus.status */
export const DAY_STATUSES = ['reported', 'zero', 'unreported', 'missed'] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];
export const DAY_STATUS_LABEL: Record<DayStatus, string> = { reported: '已报送', zero: '零报告', unreported: '未报送', missed: '漏报' };

/** InfoItem.state */
export const ITEM_STATES = ['draft', 'adopted', 'returned', 'compiled'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const ITEM_STATE_LABEL: Record<ItemState, string> = { draft: '草稿', adopted: '已采用', returned: '已退回', compiled: '已编入' };

/** InfoItem.drafter */
export type DrafterLabel = 'model' | 'rules';
export const DRAFTER_LABEL: Record<DrafterLabel, string> = { model: '大模型起草', rules: '规则生成' };

/** InfoIssue.state */
export const ISSUE_STATES = ['compiling', 'signing', 'returned', 'signed', 'published', 'withdrawn'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];
export const ISSUE_STATE_LABEL: Record<IssueState, string> = {
  compiling: '编辑中',
  signing: '待签发',
  returned: '已退回',
  signed: '已签发',
  published: '已发布',
  withdrawn: '已撤销',
};

/** InfoAdoption.level */
export const ADOPTION_LEVELS = ['own', 'city_daily', 'province_daily', 'special', 'instruction'] as const;
export type AdoptionLevel = (typeof ADOPTION_LEVELS)[number];
export const ADOPTION_LEVEL_LABEL: Record<AdoptionLevel, string> = {
  own: '本级采用',
  city_daily: '市每日要情',
  province_daily: '省每日要情',
  special: '专报',
  instruction: '领导批示',
};

/** Audit action codes of the three object types → words. */
export const NOTE_ACTION_LABEL: Record<string, string> = {
  report: '报送信息',
  zero_report: '零报告',
  edit: '修改信息',
  withdraw: '撤回信息',
  use: '采用信息',
  return: '退回信息',
  urgent_confirm: '确认急情要事',
  urgent_send: '急情要事报送',
  sent_to_leaders: '已呈送领导',
  missed: '记为漏报',
  attach: '添加附件',
  urgent_suspected: '疑似急情要事',
  urgent_buzzed: '加急提醒',
  urgent_buzz_refused: '加急提醒未送达',
  urgent_clock_moved: '调整急情时限',
};
export const ITEM_ACTION_LABEL: Record<string, string> = {
  draft: '起草信息',
  edit: '修改信息条目',
  adopt: '采用信息条目',
  return: '退回信息条目',
  regenerate: '重新生成',
  record_adoption: '登记录用',
};
export const ISSUE_ACTION_LABEL: Record<string, string> = {
  compile: '编期',
  submit: '送签',
  sign: '签发',
  return: '退回',
  publish: '印发',
  withdraw: '撤销',
  remove_item: '移出条目',
  publish_failed: '印发失败',
  publish_file: '印发文件',
};
