import { asFileBuildFailure, deliverFile } from '../../../../platform/export/deliver-file.js';
import { buildSheetInThread } from '../../../../platform/export/sheet-build.js';
import { addDays, beijingDate, weekday } from '../../../../platform/time.js';
import { weekdayName } from '../../../../platform/phrases/index.js';
import type { FeatureDeps } from '../../../deps.js';
import type { Actor } from '../../../org/index.js';
import { COLUMN_LIST, REQUIRED_LIST } from '../domain/columns.js';
import { WEEK_SHEET, type WeekRow } from '../export/week-sheet.js';
import { WEEK_TYPE } from '../object-type.js';

export const TEMPLATE_FILE_NAME = '领导一周工作安排（导入模板）.xlsx';

/**
 * 日程 导入 模板: the import template, generated from the export sheet's columns (so it can never drift
 * from what the import reads), with two example rows for next Monday to overwrite.
 */
export async function sendTemplate(deps: FeatureDeps, actor: Actor, replyTo: string): Promise<void> {
  const today = beijingDate(deps.clock.now());
  const nextMonday = addDays(today, 7 - ((weekday(today) + 6) % 7));
  const example = (time: string, activity: string, place: string, visibility: string, status: string): WeekRow => ({
    date: nextMonday,
    weekday: weekdayName(nextMonday),
    time,
    leader: '（领导姓名）',
    activity,
    place,
    accompany: '县政府办公室分管副主任',
    attendees: '',
    contact: '（秘书姓名 电话）',
    visibility,
    status,
  });
  const rows = [
    example('09:00-11:30', '主持召开县政府常务会议（示例，请替换）', '县政府三楼会议室', '内部', '确定'),
    example('下午', '调研重点项目建设（示例，请替换）', '', '公开', '拟定'),
  ];
  let built;
  try {
    built = await buildSheetInThread(WEEK_SHEET, (add) => (add(rows), Promise.resolve(rows.length)), { title: '领导一周工作安排', footer: '三办助手导入模板' });
  } catch (err) {
    throw asFileBuildFailure(deps, err, '模板生成失败，请稍后重新发送「日程 导入 模板」。');
  }
  await deliverFile(deps, {
    file: { name: TEMPLATE_FILE_NAME, bytes: built.bytes, type: 'xls' },
    recipient: { kind: 'answer', replyTo, asker: actor.openId, route: { kind: 'here' }, privateNotice: () => '' },
    texts: [
      `导入模板已发送。列：${COLUMN_LIST}（必填：${REQUIRED_LIST}；序号、星期两列可留可删）。\n` +
        '日期可写 2026-12-07、12月7日；时间可写 9:00-11:30、9:00、上午、下午、晚上、全天；公开范围填 公开/内部/不公开（不填为内部）；状态填 拟定/确定（不填为确定）。\n' +
        '填好后在与助手的私聊中发送该文件（文件名须含“日程”或“工作安排”），核对确认卡片后点「确认导入」。',
    ],
    key: 'sch-import-template',
    scope: replyTo,
    origin: `command:${actor.openId}`,
    uploadFailed: '模板上传飞书失败，请稍后重新发送「日程 导入 模板」。',
    audit: (fileKey) => ({
      actor: actor.openId,
      objectType: WEEK_TYPE,
      objectId: TEMPLATE_FILE_NAME,
      action: 'template',
      after: { fileKey },
      at: deps.clock.now(),
    }),
  });
}
