import { defineSheet, type SheetColumn } from '../../../../platform/export/sheet.js';

/** One line of the 领导一周工作安排 as exported (visibility already applied). Pure data: it crosses into the build thread. */
export interface WeekRow {
  date: string;
  weekday: string;
  time: string;
  leader: string;
  activity: string;
  place: string;
  accompany: string;
  attendees: string;
  contact: string;
  visibility: string;
  status: string;
}

export interface WeekMeta {
  /** 领导一周工作安排（12月7日—12月13日） */
  title: string;
  footer: string;
}

/**
 * The same columns the import reads (序号 and 星期 are ignored there), so that an exported week, edited
 * in Excel, can be imported again; the template is this sheet with two example rows.
 */
const COLUMNS: SheetColumn<WeekRow>[] = [
  { header: '序号', width: 6, value: (_, i) => i, align: 'center' },
  { header: '日期', width: 12, value: (r) => r.date, align: 'center' },
  { header: '星期', width: 6, value: (r) => r.weekday, align: 'center' },
  { header: '时间', width: 13, value: (r) => r.time, align: 'center' },
  { header: '领导', width: 10, value: (r) => r.leader, align: 'center' },
  { header: '活动内容', width: 42, value: (r) => r.activity },
  { header: '地点', width: 18, value: (r) => r.place },
  { header: '陪同', width: 16, value: (r) => r.accompany },
  { header: '参加', width: 22, value: (r) => r.attendees },
  { header: '联系人', width: 14, value: (r) => r.contact },
  { header: '公开范围', width: 9, value: (r) => r.visibility, align: 'center' },
  { header: '状态', width: 7, value: (r) => r.status, align: 'center', font: (r) => (r.status === '拟定' ? { color: 'C00000' } : undefined) },
];

export const WEEK_SHEET = defineSheet<WeekRow, WeekMeta>(import.meta.url, 'WEEK_SHEET', {
  sheetName: '领导一周工作安排',
  title: (m) => m.title,
  columns: COLUMNS,
  footer: (m) => m.footer,
});
