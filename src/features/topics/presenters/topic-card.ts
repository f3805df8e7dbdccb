import { actionButton, buttonRow, card, markdown, md, plain } from '../../../cards/elements.js';
import type { Card, CardElement, HeaderTemplate } from '../../../cards/types.js';
import { formatBeijing } from '../../../platform/time.js';
import { TOPIC_MACHINE, type TopicAction, type TopicRoute, type TopicStatus } from '../machine.js';
import { CONSENT_LABEL, LEGAL_BASIS_LABEL, LEGAL_OUTCOME_LABEL, TOPIC_LIMITS, TOPIC_OUTCOME_LABEL } from '../domain/topic-fields.js';
import type { TopicView } from '../view.js';

/**
 * The topic's card, one per audience (a view): `submitter` (the submitter's DM), `leader` (the 分管领导's
 * DM), `legal` (each legal reviewer's DM), `consent` (the presiding leader's DM, 临时议题), `group` (the
 * 议题审核群) and `detail` (a query). Each view offers only its audience's acts, and only those the machine
 * allows now; whoever clicks is checked again when the click arrives, never by the card.
 */
export type TopicCardView = 'submitter' | 'leader' | 'legal' | 'consent' | 'group' | 'detail';

const VIEW_ACTIONS: Record<TopicCardView, readonly TopicAction[]> = {
  submitter: ['resubmit', 'withdraw'],
  leader: ['leader_approve', 'leader_approve_consent', 'leader_approve_ready', 'leader_return', 'leader_defer'],
  legal: ['legal_pass', 'legal_pass_consent', 'legal_conditional', 'legal_conditional_consent', 'legal_reject'],
  consent: ['consent_grant', 'consent_refuse'],
  group: [],
  detail: [],
};

const TEMPLATE: Record<TopicStatus, HeaderTemplate> = {
  leader_review: 'blue',
  returned: 'orange',
  deferred: 'grey',
  legal_review: 'blue',
  legal_rejected: 'red',
  awaiting_consent: 'blue',
  ready: 'green',
  scheduled: 'green',
  discussed: 'turquoise',
  withdrawn: 'grey',
};

/** The acts the view's audience may take now (the machine's, filtered to the view's). */
export function viewActions(v: TopicView, view: TopicCardView, route: TopicRoute): TopicAction[] {
  const mine = VIEW_ACTIONS[view];
  return TOPIC_MACHINE.allowed(v.status, { route, comment: 'x', conditions: 'x' }, (a) => mine.includes(a));
}

/** 汇报材料 as a card shows them: documents as links (with their length), files by name (附件). */
export function materialsText(materials: TopicView['materials']): string {
  return materials.length
    ? materials.map((m) => (m.kind === 'doc' ? md`[${m.name}](${m.url})${m.chars !== undefined ? `（${m.chars}字）` : ''}` : md`${m.name}（附件）`)).join('、')
    : '（无）';
}

function facts(v: TopicView): string[] {
  const materials = materialsText(v.materials);
  const legal = !v.needsLegalReview
    ? '不需要'
    : `需要${v.legalBasis ? md`（${LEGAL_BASIS_LABEL[v.legalBasis]}）` : ''}，${v.legalOutcome ? `结果：**${LEGAL_OUTCOME_LABEL[v.legalOutcome]}**` : '待审查'}`;
  const lines = [
    md`**${v.title}**`,
    md`申报单位：${v.unitName}　申报人：${v.submitterName}`,
    md`汇报人：${v.presenterName}　分管领导：${v.leaderName}`,
    md`会议类型：${v.meetingTypeName}　预计用时：${v.estimatedMinutes}分钟`,
    `汇报材料：${materials}`,
    md`列席单位：${v.attendUnits.map((u) => u.name).join('、') || '（无）'}`,
    v.consulted ? md`征求意见：已征求（${v.consultedWith || '未注明'}）` : '征求意见：未征求',
    `合法性审查：${legal}`,
  ];
  if (v.legalOpinion) lines.push(md`审查意见：${v.legalOpinion}${v.legalReviewerName ? `（${v.legalReviewerName}）` : ''}`);
  if (v.legalConditions) lines.push(md`**修改条件**：${v.legalConditions}`);
  if (v.leaderOpinion) lines.push(md`分管领导意见：${v.leaderOpinion}`);
  if (v.late) {
    const consent = v.consentStatus ? CONSENT_LABEL[v.consentStatus as keyof typeof CONSENT_LABEL] : '';
    lines.push(md`临时议题：${v.lateReason}（${consent}${v.presidingName ? `，主持领导 ${v.presidingName}` : ''}）`);
  }
  if (v.postponedCount) lines.push(`已顺延 ${v.postponedCount} 次，审核结果保留。`);
  if (v.outcome) lines.push(md`审议结果：**${TOPIC_OUTCOME_LABEL[v.outcome]}**${v.outcomeNote ? `　${v.outcomeNote}` : ''}`);
  lines.push(`状态：**${v.statusLabel}**　申报时间：${formatBeijing(v.submittedAt)}　第${v.revision}版`);
  return lines;
}

/** Who has the topic now, in a word the group understands (no names of reviewers beyond the step's holder). */
function holderText(v: TopicView): string {
  switch (v.status) {
    case 'leader_review':
      return md`分管领导 ${v.leaderName}`;
    case 'legal_review':
      return '合法性审查员';
    case 'awaiting_consent':
      return md`主持领导 ${v.presidingName || '（未配置）'}`;
    case 'returned':
    case 'deferred':
    case 'legal_rejected':
      return md`申报人 ${v.submitterName}`;
    case 'ready':
    case 'scheduled':
      return '县政府办公室（秘书科）';
    default:
      return '（已办结）';
  }
}

/**
 * The 议题审核群's view: whoever is in the group sees what the topic is and where it stands, never its
 * materials, opinions, conditions or the 临时议题 reason — those stay with the submitter, the holders and
 * a detail query answered to someone who may see it.
 */
function summaryFacts(v: TopicView): string[] {
  return [
    md`**${v.title}**`,
    md`申报单位：${v.unitName}　汇报人：${v.presenterName}`,
    md`会议类型：${v.meetingTypeName}`,
    `状态：**${v.statusLabel}**　当前办理：${holderText(v)}`,
  ];
}

const value = (v: TopicView, extra: Record<string, string> = {}) => ({ t: v.id, v: v.version, ...extra });

const opinionInput = (name: string, label: string, placeholder: string): CardElement => ({
  tag: 'input',
  name,
  label: plain(label),
  required: false,
  input_type: 'multiline_text',
  max_length: TOPIC_LIMITS.opinionChars,
  placeholder: plain(placeholder),
});

const formButton = (label: string, key: string, val: Record<string, string | number>, type: 'primary' | 'default' | 'danger' = 'default'): CardElement => ({
  tag: 'button',
  name: `${key}_${String(val.d ?? '')}`.replace(/\W/g, '_'),
  text: plain(label),
  type,
  form_action_type: 'submit',
  behaviors: [{ type: 'callback', value: { a: key, ...val } }],
});

function leaderForm(v: TopicView, acts: TopicAction[]): CardElement[] {
  if (!acts.length) return [];
  const approve = acts.find((a) => a.startsWith('leader_approve'));
  return [
    markdown(md`请审核该议题（分管领导：${v.leaderName}）。${v.needsLegalReview ? '同意上会后送合法性审查。' : ''}`),
    {
      tag: 'form',
      name: 'topic_leader',
      elements: [
        opinionInput('opinion', '审核意见（退回修改时必填）', '如：同意提交常务会议研究'),
        buttonRow([
          ...(approve ? [formButton('同意上会', 'topics.leader', value(v, { d: 'approve' }), 'primary')] : []),
          ...(acts.includes('leader_return') ? [formButton('退回修改', 'topics.leader', value(v, { d: 'return' }))] : []),
          ...(acts.includes('leader_defer') ? [formButton('暂缓', 'topics.leader', value(v, { d: 'defer' }))] : []),
        ]),
      ],
    },
  ];
}

function legalForm(v: TopicView, acts: TopicAction[]): CardElement[] {
  if (!acts.length) return [];
  const has = (p: string) => acts.some((a) => a.startsWith(p));
  return [
    markdown('请进行合法性审查并填写书面审查意见；「修改后通过」须写明修改条件。'),
    {
      tag: 'form',
      name: 'topic_legal',
      elements: [
        opinionInput('opinion', '审查意见（必填）', '如：经审查，该文件制定程序合法……'),
        opinionInput('conditions', '修改条件（修改后通过时必填）', '如：删除第五条中“一律”的表述'),
        buttonRow([
          ...(has('legal_pass') ? [formButton('通过', 'topics.legal', value(v, { d: 'pass' }), 'primary')] : []),
          ...(has('legal_conditional') ? [formButton('修改后通过', 'topics.legal', value(v, { d: 'conditional' }))] : []),
          ...(has('legal_reject') ? [formButton('不通过', 'topics.legal', value(v, { d: 'reject' }), 'danger')] : []),
        ]),
      ],
    },
  ];
}

function consentButtons(v: TopicView, acts: TopicAction[]): CardElement[] {
  if (!acts.length) return [];
  return [
    markdown(md`该议题为临时议题（晚于申报截止日），理由：${v.lateReason}。请决定是否同意列入本次会议。`),
    buttonRow([
      ...(acts.includes('consent_grant') ? [actionButton('同意临时上会', 'topics.consent', value(v, { d: 'grant' }), { type: 'primary' })] : []),
      ...(acts.includes('consent_refuse') ? [actionButton('不同意临时上会', 'topics.consent', value(v, { d: 'refuse' }))] : []),
    ]),
  ];
}

function submitterButtons(v: TopicView, acts: TopicAction[]): CardElement[] {
  const buttons = [
    ...(acts.includes('resubmit') ? [actionButton('重新提交', 'topics.resubmit', value(v), { type: 'primary' })] : []),
    ...(acts.includes('withdraw')
      ? [actionButton('撤回', 'topics.withdraw', value(v), { confirm: { title: '撤回议题', text: '撤回后该议题不再办理，确定撤回吗？' } })]
      : []),
  ];
  const hint =
    acts.includes('resubmit') && v.status !== 'deferred'
      ? [markdown('请按意见修改汇报材料（在原飞书文档中修改即可）后点击「重新提交」，将重新送分管领导审核。')]
      : [];
  return buttons.length ? [...hint, buttonRow(buttons)] : [];
}

export function presentTopicCard(v: TopicView, view: TopicCardView, route: TopicRoute): Card {
  const acts = viewActions(v, view, route);
  const body = (view === 'group' ? summaryFacts(v) : facts(v)).map((l) => markdown(l));
  const tail =
    view === 'leader'
      ? leaderForm(v, acts)
      : view === 'legal'
        ? legalForm(v, acts)
        : view === 'consent'
          ? consentButtons(v, acts)
          : view === 'submitter'
            ? submitterButtons(v, acts)
            : [];
  return card({
    title: `会议议题 · ${v.number}`,
    subtitle: v.statusLabel,
    template: TEMPLATE[v.status] ?? 'blue',
    summary: `议题 ${v.number} ${v.statusLabel}`,
    elements: [...body, ...tail],
  });
}
