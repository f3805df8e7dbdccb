/**
 * The columns of the 领导一周工作安排 table (import, template, pasted table), as the README documents
 * them. Headers are matched after folding width and spaces; a header the table does not know is an
 * error (a misplaced column would otherwise be read as the wrong field).
 */
export const IMPORT_COLUMNS = {
  date: { header: '日期', required: true, aliases: ['日期', '时间日期'] },
  time: { header: '时间', required: true, aliases: ['时间', '时段', '起止时间'] },
  leader: { header: '领导', required: true, aliases: ['领导', '领导姓名', '县领导', '出席领导'] },
  activity: { header: '活动内容', required: true, aliases: ['活动内容', '活动', '内容', '工作安排', '事项'] },
  place: { header: '地点', required: false, aliases: ['地点', '活动地点'] },
  accompany: { header: '陪同', required: false, aliases: ['陪同', '陪同人员', '陪同领导'] },
  attendees: { header: '参加', required: false, aliases: ['参加', '参加人员', '参加单位', '参会人员'] },
  contact: { header: '联系人', required: false, aliases: ['联系人', '联系方式', '联系秘书'] },
  visibility: { header: '公开范围', required: false, aliases: ['公开范围', '可见范围', '公开'] },
  status: { header: '状态', required: false, aliases: ['状态'] },
} as const;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;

export const IMPORT_COLUMN_ORDER = Object.keys(IMPORT_COLUMNS) as ImportColumn[];

/** Columns ignored when present: a 序号 column people add by habit, and 星期 beside the date. */
const IGNORED = new Set(['序号', '星期', '备注']);

export const fold = (text: string) => text.normalize('NFKC').replace(/[\s*＊]+/g, '');

const BY_HEADER = new Map<string, ImportColumn>();
for (const key of IMPORT_COLUMN_ORDER) for (const alias of IMPORT_COLUMNS[key].aliases) BY_HEADER.set(fold(alias), key);

export function columnOf(header: string): ImportColumn | 'ignored' | undefined {
  const f = fold(header);
  if (!f || IGNORED.has(f)) return 'ignored';
  return BY_HEADER.get(f);
}

/** 日期、时间、领导、活动内容、地点…: the columns in the template's order, for messages. */
export const COLUMN_LIST = IMPORT_COLUMN_ORDER.map((k) => IMPORT_COLUMNS[k].header).join('、');
export const REQUIRED_LIST = IMPORT_COLUMN_ORDER.filter((k) => IMPORT_COLUMNS[k].required)
  .map((k) => IMPORT_COLUMNS[k].header)
  .join('、');

export const VISIBILITY_WORDS: Record<string, 'public' | 'internal' | 'private'> = { 公开: 'public', 内部: 'internal', 不公开: 'private', 保密: 'private' };
export const STATUS_WORDS: Record<string, 'draft' | 'confirmed'> = { 拟定: 'draft', 待定: 'draft', 确定: 'confirmed', 已确定: 'confirmed' };
