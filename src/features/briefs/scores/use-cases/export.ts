import type { AnswerRoute } from '../../../../platform/audience.js';
import { privateNotice } from '../../audience.js';
import { asFileBuildFailure, deliverFile } from '../../../../platform/export/deliver-file.js';
import { buildSheetInThread } from '../../../../platform/export/sheet-build.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { NOTE_TYPE } from '../../object-type.js';
import { briefSettings } from '../../settings.js';
import { monthLabel } from '../presenters/score-card.js';
import { SCORE_SHEET } from '../presenters/score-sheet.js';
import { loadScores } from './table.js';

export interface ScoreExportOutcome {
  fileName: string;
  units: number;
  writers: number;
  /** The worker thread that built the file (never the event loop's). */
  builtOnThread: number;
}

/**
 * 信息 积分 导出: the month's scoring workbook (单位积分 and 个人录用 sheets), built in the file-build thread
 * and replied to the command message as a file, with a line saying what it holds.
 */
export async function exportScores(
  deps: FeatureDeps,
  actor: Actor,
  month: string,
  o: { chatId: string; replyTo: string; route: AnswerRoute },
): Promise<ScoreExportOutcome> {
  authorize(actor, 'briefs.board');
  const now = deps.clock.now();
  const asOf = beijingDate(now);
  const scores = await loadScores(deps, month, now);
  const scheme = briefSettings(deps).scores;
  let built;
  try {
    built = await buildSheetInThread(
      SCORE_SHEET,
      async (add) => {
        add(scores.units);
        return scores.units.length;
      },
      { month, asOf, scheme, writers: scores.writers },
    );
  } catch (err) {
    throw asFileBuildFailure(deps, err, '积分表生成失败，请稍后重新发送「信息 积分 导出」。如问题持续，请联系管理员。');
  }
  const fileName = `政务信息积分-${month.replace('-', '')}.xlsx`;
  await deliverFile(deps, {
    file: { name: fileName, bytes: built.bytes, type: 'xls' },
    recipient: {
      kind: 'answer',
      replyTo: o.replyTo,
      asker: actor.openId,
      route: o.route,
      privateNotice: (reason) => privateNotice({ kind: 'private', reason }, '积分表'),
    },
    texts: [`${monthLabel(month)}政务信息积分表已导出：${scores.units.length} 个单位、${scores.writers.length} 名撰稿人，数据截至 ${asOf}。`],
    key: 'briefs-scores-export',
    scope: o.replyTo,
    origin: `command:${actor.openId}`,
    uploadFailed: '积分表生成后上传飞书失败，请稍后重新发送「信息 积分 导出」。如问题持续，请联系管理员。',
    audit: (fileKey, delivered) => ({
      actor: actor.openId,
      objectType: NOTE_TYPE,
      objectId: `scores:${month}`,
      action: 'export_scores',
      after: { month, units: scores.units.length, writers: scores.writers.length, chatId: o.chatId, delivered, fileKey },
      at: now,
    }),
  });
  return { fileName, units: scores.units.length, writers: scores.writers.length, builtOnThread: built.threadId };
}
