import { asFileBuildFailure, deliverFile } from '../../../../platform/export/deliver-file.js';
import { buildSheetInThread } from '../../../../platform/export/sheet-build.js';
import { officeDate, parseDatePhrase, weekdayName } from '../../../../platform/phrases/index.js';
import { addDays, beijingDate, formatChineseDate, weekday, type IsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { orderLeaders, readDirectory, resolveLeader, type Actor, type DirPerson } from '../../../org/index.js';
import type { Entry } from '../../domain/entry.js';
import { HIDDEN_DAY_TEXT, onlyHidden, visibleEntry } from '../../domain/visibility.js';
import { entriesBetween } from '../../repositories/entries.js';
import { clockLabel, occupiedSpan, STATUS_LABEL, VISIBILITY_LABEL } from '../domain/wording.js';
import { buildWeekDocxInThread, type WeekDocInput } from '../export/week-docx.js';
import { WEEK_SHEET, type WeekRow } from '../export/week-sheet.js';
import { WEEK_TYPE } from '../object-type.js';
import { exportAudience } from './audience.js';

export interface ExportRequest {
  chatId: string;
  p2p: boolean;
  replyTo: string;
  argv: readonly string[];
}

const monday = (d: IsoDate) => addDays(d, -((weekday(d) + 6) % 7));

/** `本周` (default), `下周`, `上周`, or any date phrase (its week); leader names narrow it. */
function readArgs(argv: readonly string[], today: IsoDate, deps: FeatureDeps, people: DirPerson[]): { from: IsoDate; leaders?: DirPerson[] } {
  let from = monday(today);
  const leaders: DirPerson[] = [];
  for (const word of argv) {
    if (word === '本周' || word === '这周') from = monday(today);
    else if (word === '下周') from = addDays(monday(today), 7);
    else if (word === '上周') from = addDays(monday(today), -7);
    else if (/^\d|[月日号]$|^(今天|明天|后天|下?周[一二三四五六日天])$/.test(word))
      from = monday(parseDatePhrase(word, { today, calendar: deps.calendar.current(), label: '日期' }).date);
    else leaders.push(resolveLeader({ units: [], people }, word, { label: '领导' }));
  }
  return { from, ...(leaders.length ? { leaders } : {}) };
}

/**
 * 日程 导出: the week (Monday to Sunday) as the 领导一周工作安排 table, .xlsx and landscape .docx, both
 * built in the file thread and replied to the command. Visibility is applied for where it is answered
 * (exportAudience): 内部 entries are left out outside internal groups and 不公开 ones read 公务活动.
 */
export async function exportWeek(deps: FeatureDeps, actor: Actor, req: ExportRequest): Promise<{ count: number; hidden: number }> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  const dir = await readDirectory(deps.prisma);
  const allLeaders = orderLeaders(
    dir.people.filter((p) => p.roles.includes('leader')),
    deps.settings.leaderRanks?.length ? deps.settings.leaderRanks : undefined,
  );
  const { from, leaders } = readArgs(req.argv, today, deps, dir.people);
  const to = addDays(from, 6);
  const audience = await exportAudience(deps, actor, dir, { chatId: req.chatId, p2p: req.p2p });
  const wanted = leaders && new Set(leaders.map((l) => l.id));
  const entries = (await entriesBetween(deps.prisma, from, to)).filter((e) => e.status !== 'cancelled' && (!wanted || wanted.has(e.leaderId)));
  const rank = new Map(allLeaders.map((l, i) => [l.id, i]));
  const nameOf = new Map(dir.people.map((p) => [p.id, p.name]));
  const sorted = [...entries].sort(
    (a, b) => a.date.localeCompare(b.date) || (rank.get(a.leaderId) ?? 999) - (rank.get(b.leaderId) ?? 999) || occupiedSpan(a)[0] - occupiedSpan(b)[0],
  );

  let hidden = 0;
  let placeholders = 0;
  const rows: WeekRow[] = [];
  // The document's lines: the rows, and 另有公务安排 for a leader's day whose entries are all hidden (the
  // .xlsx keeps to entries: it is imported again, and a placeholder there would come back as one).
  const lines: (WeekRow | { date: IsoDate; leader: string })[] = [];
  const placeheld = new Set<string>();
  for (const e of sorted) {
    const audienceOf = audience.of(e.leaderId);
    const v = visibleEntry(e, audienceOf);
    if (!v) {
      hidden++;
      const day = `${e.date}|${e.leaderId}`;
      if (
        !placeheld.has(day) &&
        onlyHidden(
          sorted.filter((x) => x.date === e.date && x.leaderId === e.leaderId),
          audienceOf,
        )
      ) {
        placeheld.add(day);
        lines.push({ date: e.date, leader: nameOf.get(e.leaderId) ?? '' });
      }
      continue;
    }
    // 不公开 outside its keepers: 公务活动 and nothing else (no contact, no marks that would say more).
    const full = audienceOf === 'keeper' || e.visibility !== 'private';
    if (!full) placeholders++;
    rows.push(weekRow(e, v.activity, full, nameOf.get(e.leaderId) ?? ''));
    lines.push(rows[rows.length - 1]!);
  }
  const range = `${officeDate(from, today)}—${officeDate(to, today)}`;
  const scope = leaders ? `（${leaders.map((l) => l.name).join('、')}）` : '';
  const title = `领导一周工作安排${scope}`;
  const docInput: WeekDocInput = {
    title,
    subtitle: range,
    days: Array.from({ length: 7 }, (_, i) => addDays(from, i)).map((date) => ({
      label: `${formatChineseDate(date).replace(/（.*$/, '')}\n${weekdayName(date)}`,
      rows: lines
        .filter((r) => r.date === date)
        .map((r) =>
          !('time' in r)
            ? { time: '', leader: r.leader, activity: HIDDEN_DAY_TEXT, place: '', others: '' }
            : {
                time: r.time,
                leader: r.leader,
                activity: r.status === '拟定' ? `${r.activity}（拟定）` : r.activity,
                place: r.place,
                others: [r.accompany && `陪同：${r.accompany}`, r.attendees && `参加：${r.attendees}`].filter(Boolean).join('\n'),
              },
        ),
    })),
    footnote: `导出时间：${officeDate(today)}`,
  };
  const failure = '日程表文件生成失败，请稍后重新发送「日程 导出」。如问题持续，请联系管理员。';
  let xlsx, docx;
  try {
    xlsx = await buildSheetInThread(WEEK_SHEET, (add) => (add(rows), Promise.resolve(rows.length)), {
      title: `${title}（${range}）`,
      footer: `三办助手导出 ${today}`,
    });
    docx = await buildWeekDocxInThread(docInput);
  } catch (err) {
    throw asFileBuildFailure(deps, err, failure);
  }
  const stamp = from.replace(/-/g, '');
  const note =
    !hidden && !placeholders
      ? ''
      : `\n按可见范围：${hidden ? `${hidden} 条内部日程未列出（本会话不是内部群），` : ''}${placeholders ? '不公开的日程显示为「公务活动」。' : ''}`.replace(
          /，$/,
          '。',
        );
  const origin = `command:${actor.openId}`;
  const upload = '日程表文件上传飞书失败，请稍后重新发送「日程 导出」。如问题持续，请联系管理员。';
  for (const [file, kind] of [
    [{ name: `领导一周工作安排-${stamp}.xlsx`, bytes: xlsx.bytes, type: 'xls' as const }, 'xlsx'],
    [{ name: `领导一周工作安排-${stamp}.docx`, bytes: docx.bytes, type: 'doc' as const }, 'docx'],
  ] as const) {
    await deliverFile(deps, {
      file,
      recipient: { kind: 'answer', replyTo: req.replyTo, asker: actor.openId, route: { kind: 'here' }, privateNotice: () => '' },
      texts: kind === 'docx' ? [`${title}（${range}）已导出：共 ${rows.length} 条，Excel 与 Word（横版）各一份。${note}`] : [],
      key: `sch-export-${kind}`,
      scope: req.replyTo,
      origin,
      uploadFailed: upload,
      audit: (fileKey, delivered) => ({
        actor: actor.openId,
        objectType: WEEK_TYPE,
        objectId: file.name,
        action: 'export',
        after: { from, to, count: rows.length, hidden, audience: audience.where, chatId: req.chatId, delivered, fileKey },
        at: now,
      }),
    });
  }
  return { count: rows.length, hidden };
}

function weekRow(e: Entry, activity: string, full: boolean, leader: string): WeekRow {
  return {
    date: e.date,
    weekday: weekdayName(e.date),
    time: clockLabel(e),
    leader,
    activity: e.backfilled && full ? `${activity}（补录）` : activity,
    place: full ? e.place : '',
    accompany: full ? e.accompany : '',
    attendees: full ? e.attendees : '',
    contact: full ? e.contact : '',
    visibility: full ? VISIBILITY_LABEL[e.visibility] : '',
    status: STATUS_LABEL[e.status],
  };
}
