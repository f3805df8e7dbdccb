import { materialsText } from '../../presenters/topic-card.js';
import { card, divider, markdown, md } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { officeDate } from '../../../../platform/phrases/index.js';
import { formatBeijing } from '../../../../platform/time.js';
import type { MeetingView } from '../agenda-view.js';
import type { TopicView } from '../../view.js';
import { CONSENT_LABEL, LEGAL_BASIS_LABEL, LEGAL_OUTCOME_LABEL, TOPIC_OUTCOME_LABEL } from '../../domain/topic-fields.js';
import { slotText, whenText } from './text.js';

/** One row of `议题 列表`. */
export interface TopicListRow {
  number: string;
  title: string;
  unitName: string;
  typeName: string;
  statusLabel: string;
  /** 县政府第3次常务会议第2项, when on an agenda. */
  meetingText: string;
}

export function presentTopicList(rows: readonly TopicListRow[], o: { filterText: string; total: number }): Card {
  const blocks: CardElement[] = [];
  blocks.push(markdown(`${o.filterText ? md`筛选：${o.filterText}　` : ''}共${o.total}项${o.total > rows.length ? `，显示前${rows.length}项` : ''}`));
  blocks.push(
    markdown(
      rows.length
        ? rows
            .map((r) => md`- ${r.number} **${r.title}**　${r.unitName}　${r.typeName}　【${r.statusLabel}】` + (r.meetingText ? md`　${r.meetingText}` : ''))
            .join('\n')
        : '没有符合条件的议题。',
    ),
  );
  blocks.push(
    markdown(
      "<font color='grey'>发送「议题 编号」（如「议题 议〔2026〕12号」）查看详情；可按状态、单位、会议类型筛选，如「议题 列表 待列入议程 常务会」。</font>",
    ),
  );
  return card({ title: '会议议题', template: 'blue', elements: blocks });
}

/** One row of `会议 列表`. */
export interface MeetingListRow {
  number: string;
  startsAt: Date;
  place: string;
  statusLabel: string;
  topics: number;
}

export function presentMeetingList(rows: readonly MeetingListRow[]): Card {
  const text = rows.length
    ? rows.map((r) => md`- **${r.number}**　${whenText(r.startsAt)}　${r.place}　【${r.statusLabel}】　${r.topics}项议题`).join('\n')
    : '暂无会议。发送「会议 新建 常务会 12月8日上午9:00 三楼会议室」新建会议。';
  return card({
    title: '会议',
    template: 'blue',
    elements: [markdown(text), markdown("<font color='grey'>发送「会议 编号」（如「会议 县政府第1次常务会议」）查看议程、审议结果、纪要和落实情况。</font>")],
  });
}

/** A decision of the meeting and how far it is carried out (filled by the minutes part). */
export interface DecisionLine {
  topicNumber: string;
  content: string;
  unitName: string;
  deadline: string;
  supervisionNumber: string;
  /** The ledger item's state (待签收 / 办理中 / 已销号 …), "" when not in the ledger yet. */
  stateLabel: string;
  /** The ledger item is 销号. */
  closed?: boolean;
}

/** The 纪要 as far as it has come (the minutes part's sub-state). */
export interface MinutesFacts {
  statusLabel: string;
  number: string;
  dueDate: string;
}

export const MINUTES_STATUS_LABEL: Record<string, string> = { none: '未起草', drafting: '起草中', reviewing: '审核中', signed: '已签发', issued: '已印发' };

/**
 * `会议 <编号>`: the agenda with slots and each topic's 审议结果, the 纪要's state and the 落实情况 of its
 * decisions. Renders whatever exists: before the meeting only the agenda.
 */
export function presentMeetingDetail(v: MeetingView, minutes: MinutesFacts, decisions: readonly DecisionLine[], o: { allImplemented?: boolean } = {}): Card {
  const blocks: CardElement[] = [
    markdown([md`**会议时间**：${whenText(v.startsAt)}`, md`**会议地点**：${v.place}`, md`**状态**：${v.statusLabel}`].join('\n')),
    divider(),
    markdown('**议程**'),
    markdown(
      v.lines.length
        ? v.lines
            .map(
              (l) =>
                md`${l.position}. ${l.title}　${slotText(l.start, l.end)}　汇报：${l.presenterName || '未定'}（${l.unitName}）` +
                (l.outcomeLabel ? md`　审议结果：**${l.outcomeLabel}**` : ''),
            )
            .join('\n')
        : '议程中暂无议题。',
    ),
  ];
  if (v.attendUnitNames.length) blocks.push(markdown(md`**列席单位**：${v.attendUnitNames.join('、')}`));
  if (v.status !== 'planned' && v.status !== 'published' && v.status !== 'cancelled') {
    blocks.push(divider());
    const due = minutes.dueDate ? `，应于${officeDate(minutes.dueDate)}前印发` : '';
    blocks.push(markdown(md`**纪要**：${minutes.statusLabel}${minutes.number ? `（${minutes.number}）` : ''}` + due));
    if (decisions.length) {
      const done = decisions.filter((d) => d.closed ?? d.stateLabel === '已销号').length;
      blocks.push(markdown(`**落实情况**（${done}/${decisions.length}项已销号）` + (o.allImplemented ? '：**议定事项已全部落实**' : '')));
      blocks.push(
        markdown(
          decisions
            .map(
              (d) =>
                md`- ${d.content}　承办：${d.unitName}` +
                (d.deadline ? md`　时限：${officeDate(d.deadline)}` : '') +
                (d.supervisionNumber ? md`　${d.supervisionNumber}` : '') +
                md`　【${d.stateLabel || '待纳入督办'}】`,
            )
            .join('\n'),
        ),
      );
    }
  }
  return card({ title: v.number, subtitle: v.typeName, template: v.status === 'cancelled' ? 'grey' : 'blue', elements: blocks });
}

/** `议题 <编号>`: the topic as it stands, read-only (the core's topic card carries the buttons). */
export function presentTopicDetail(t: TopicView, o: { meetingText: string; timeline: { at: Date; label: string; text: string }[] }): Card {
  const lines = [
    md`**申报单位**：${t.unitName}`,
    md`**汇报人**：${t.presenterName || '未定'}`,
    md`**分管领导**：${t.leaderName}`,
    md`**会议类型**：${t.meetingTypeName}`,
    md`**预计时长**：${t.estimatedMinutes}分钟`,
    `**汇报材料**：${materialsText(t.materials)}`,
    md`**状态**：${t.statusLabel}` + (o.meetingText ? md`（${o.meetingText}）` : ''),
  ];
  if (t.attendUnits.length) lines.push(md`**列席单位**：${t.attendUnits.map((u) => u.name).join('、')}`);
  if (t.needsLegalReview) {
    const basis = t.legalBasis ? LEGAL_BASIS_LABEL[t.legalBasis] : '';
    const outcome = t.legalOutcome ? LEGAL_OUTCOME_LABEL[t.legalOutcome] : '尚未审查';
    lines.push(md`**合法性审查**：${outcome}` + (basis ? md`（${basis}）` : ''));
    if (t.legalConditions) lines.push(md`**修改条件**：${t.legalConditions}`);
  } else lines.push('**合法性审查**：不需要');
  if (t.consentStatus) lines.push(md`**临时议题**：${CONSENT_LABEL[t.consentStatus]}`);
  if (t.postponedCount) lines.push(`**顺延**：${t.postponedCount}次`);
  if (t.outcome) lines.push(md`**审议结果**：${TOPIC_OUTCOME_LABEL[t.outcome]}`);
  const blocks: CardElement[] = [markdown(lines.join('\n'))];
  if (o.timeline.length) {
    blocks.push(divider());
    blocks.push(markdown(`**办理记录**\n${o.timeline.map((e) => md`- ${formatBeijing(e.at)} ${e.label}` + (e.text ? md`：${e.text}` : '')).join('\n')}`));
  }
  return card({ title: `${t.number} ${t.title}`.slice(0, 80), subtitle: t.statusLabel, template: 'blue', elements: blocks });
}
