import { defineObjectType } from '../../../platform/objects.js';

export const WEEK_TYPE = 'schedule_week';

/** The week table as the audit panel names it: 导出 (the week's .xlsx / .docx) and 模板 (the import template). */
defineObjectType({ type: WEEK_TYPE, label: '领导一周工作安排', actions: { export: '导出', template: '下载导入模板' } });
