import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionButton, buttonRow, card, escapeMarkdown, markdown, plain } from '../../cards/elements.js';
import { stampCard } from '../../cards/stamp.js';
import type { Card } from '../../cards/types.js';
import { presentAuditTrail, presentJobList } from '../../features/admin/presenters.js';
import { presentHelpCard } from '../../features/help/help-card.js';
import { presentPersonCard, presentUnknownSelfCard } from '../../features/org/presenters/person-card.js';
import { presentUnitMembersCard, presentUnitsCard } from '../../features/org/presenters/units-card.js';
import type { PersonView, UnitView } from '../../features/org/use-cases/people.js';
import type { ItemStatus } from '../../features/supervision/domain/states.js';
import { presentGroupEscalation, presentPersonDigest, type DigestLine } from '../../features/supervision/presenters/digest.js';
import { presentFollowUpCard } from '../../features/supervision/presenters/follow-up.js';
import {
  presentClosureForm,
  presentCreateForm,
  presentExtensionForm,
  presentProgressForm,
  presentRefuseForm,
} from '../../features/supervision/presenters/forms.js';
import { presentItemCard, type ItemAudience } from '../../features/supervision/presenters/item-card.js';
import { presentItemList, presentReport } from '../../features/supervision/presenters/reports.js';
import type { ItemView } from '../../features/supervision/view.js';
import type { JobSpec } from '../../router/router.js';
import { escapeHtml, renderCard, renderMarkdown, toFormValue } from './card-renderer.js';

const NAMES: Record<string, string> = { ou_zhang: '张伟', ou_li: '李副县长', ou_wang: '王督查' };
const mentionName = (id: string) => NAMES[id];
const render = (c: unknown) => renderCard(c, { mentionName });

/** Text as it appears in the rendered HTML (escaped the way the renderer escapes it). */
const shown = (text: string) => escapeHtml(text);

// ------------------------------------------------------------------------------------------------
// Every card the presenters produce

const view = (over: Partial<ItemView> = {}): ItemView => ({
  id: 'item1',
  number: '督〔2026〕15号',
  content: '推进城南片区老旧小区改造，完成雨污分流管网建设',
  standard: '年底前完成主体工程并通过验收',
  sourceType: 'meeting',
  sourceRef: '第8次县政府常务会议',
  promised: false,
  urgent: false,
  unitName: '县住建局',
  personName: '张伟',
  personOpenId: 'ou_zhang',
  leaderName: '李副县长',
  leaderOpenId: 'ou_li',
  deadline: '2026-12-04',
  status: 'in_progress',
  statusNote: '',
  progressPercent: 40,
  lastProgress: '已完成管网设计招标',
  overdueDays: 0,
  milestones: [
    { title: '完成方案', dueDate: '2026-11-30', done: true },
    { title: '完成主体工程', dueDate: '2026-12-25', done: false },
  ],
  ...over,
});

const deputy: PersonView = {
  id: 'p-qian',
  name: '钱副县长',
  unitName: '县政府',
  title: '副县长',
  linked: true,
  roles: [{ role: 'leader', name: '县（区）领导', scopes: ['发改局', '财政局'] }],
};
const clerk: PersonView = {
  id: 'p-sun',
  name: '孙<b>秘书',
  unitName: '秘书科',
  title: '秘书',
  linked: false,
  roles: [
    { role: 'secretary', name: '秘书', scopes: ['钱副县长'] },
    { role: 'liaison', name: '联络员', scopes: ['信息', '督查'] },
    { role: 'admin', name: '管理员', scopes: [] },
  ],
};
const units: UnitView[] = [
  { name: '督查科', kind: 'office_section', headcount: 5 },
  { name: '城关镇', kind: 'town', headcount: 2 },
  { name: '财政局', kind: 'department', headcount: 1 },
  { name: '临时专班', kind: 'task_force', headcount: 3 },
];

const digestLine: DigestLine = {
  number: '督〔2026〕15号',
  content: '推进城南片区老旧小区改造，完成雨污分流管网建设，确保年底前通过竣工验收并交付使用',
  deadline: '2026-12-04',
  reason: '已超期3个工作日',
  unitName: '县住建局',
  personName: '张伟',
  personOpenId: 'ou_zhang',
  leaderName: '李副县长',
  leaderOpenId: 'ou_li',
};

const noop = async () => {};
const jobs: JobSpec[] = [
  { name: 'supervision.chase', description: '每个工作日早上提醒到期、超期和未签收的督办事项', cron: '0 9 * * 1-5', workingDaysOnly: true, handler: noop },
  { name: 'supervision.report', description: '每周一生成督查通报', cron: '30 9 * * 1', handler: noop },
  { name: 'supervision.follow-up', description: '办结一个月后回访', cron: '0 10 * * *', handler: noop },
];

const statuses: ItemStatus[] = ['pending_ack', 'in_progress', 'returned', 'pending_close', 'closed', 'cancelled'];
const audiences: ItemAudience[] = ['assignee', 'group', 'detail'];

function allPresenterCards(): [string, Card][] {
  const cards: [string, Card][] = [];
  const add = (name: string, c: Card) => cards.push([name, c]);

  add(
    'help',
    presentHelpCard([
      { feature: '通用', names: ['帮助', 'help'], usage: '帮助', summary: '查看全部指令' },
      { feature: '人员', names: ['我是谁'], usage: '我是谁', summary: '查看自己的角色' },
      { feature: '督查督办', names: ['督办'], usage: '督办 列表 [超期]', summary: '查看督办事项' },
      { feature: '督查督办', names: ['督办 新建'], usage: '督办 新建', summary: '立项一个督办事项' },
    ]),
  );

  add('person: self', presentPersonCard([deputy], { self: true }));
  add('person: manage', presentPersonCard([clerk], { manage: { requestedBy: 'ou_admin', revocable: ['secretary', 'liaison'] } }));
  add(
    'person: namesakes',
    presentPersonCard([deputy, { ...deputy, id: 'p-2', unitName: '发改局', roles: [] }], { manage: { requestedBy: 'ou_a', revocable: ['leader'] } }),
  );
  add('person: gone', presentPersonCard([], {}));
  add('person: bootstrap admin', presentPersonCard([clerk], { self: true, bootstrapAdmin: true }));
  add('person: unknown self', presentUnknownSelfCard('ou_123', { bootstrapAdmin: false }));
  add('person: unknown self, bootstrap admin', presentUnknownSelfCard('ou_123', { bootstrapAdmin: true }));
  add('units', presentUnitsCard(units));
  add('units: empty', presentUnitsCard([]));
  add('unit members', presentUnitMembersCard(units[0]!, [deputy, clerk]));
  add('unit members: empty', presentUnitMembersCard(units[1]!, []));

  for (const status of statuses) {
    for (const a of audiences) {
      add(`item ${status} × ${a}`, presentItemCard(view({ status, statusNote: '材料不全', progressPercent: status === 'pending_ack' ? 0 : 40 }), a));
      add(
        `item ${status} × ${a}, overdue, extension pending, timeline`,
        presentItemCard(
          view({ status, overdueDays: 3, urgent: true, promised: true, pendingExtension: { id: 'ext1', reason: '汛期停工', proposedDate: '2026-12-18' } }),
          a,
          [
            { at: '2026-11-23 09:10', who: '王督查', what: '立项' },
            { at: '2026-11-24 10:02', who: '张伟', what: '签收' },
          ],
        ),
      );
    }
  }
  add(
    'item without person or leader',
    presentItemCard(view({ personName: undefined, personOpenId: undefined, leaderName: undefined, leaderOpenId: undefined, milestones: [] }), 'detail'),
  );

  add('form: progress', presentProgressForm(view()));
  add('form: extension', presentExtensionForm(view()));
  add('form: closure', presentClosureForm(view()));
  add('form: refuse', presentRefuseForm(view()));
  const formOptions = {
    units: [
      { id: 'u1', name: '县住建局' },
      { id: 'u2', name: '城关镇' },
    ],
    leaders: [{ id: 'p1', name: '李副县长' }],
  };
  add('form: create', presentCreateForm(formOptions));
  add(
    'form: create, refused with values',
    presentCreateForm(formOptions, '期限不是工作日', {
      content: '整治背街小巷',
      unit: 'u2',
      deadline: '2026-12-05 +0800',
      source: 'meeting',
      urgency: 'urgent',
      cycle: 'weekly',
      promised: 'yes',
      milestones: '2026-12-01 完成摸排\n2026-12-04 完成整治',
    }),
  );

  add(
    'digest: person',
    presentPersonDigest('张伟', '2026-12-09', [
      digestLine,
      { ...digestLine, reason: '尚未签收' },
      { ...digestLine, reason: '还有1个工作日到期' },
      { ...digestLine, reason: '请报送本周进展' },
    ]),
  );
  add('digest: person, nothing overdue', presentPersonDigest('张伟', '2026-12-09', [{ ...digestLine, reason: '还有3个工作日到期' }]));
  add(
    'digest: group escalation',
    presentGroupEscalation('2026-12-09', [digestLine, { ...digestLine, personOpenId: undefined, leaderOpenId: undefined, personName: undefined }]),
  );

  const row = {
    number: '督〔2026〕15号',
    content: '推进城南片区老旧小区改造，完成雨污分流管网建设',
    unitName: '县住建局',
    deadline: '2026-12-04',
    status: 'in_progress' as const,
    overdueDays: 3,
  };
  add('list', presentItemList('督办事项 · 超期', [row, { ...row, status: 'closed', overdueDays: 0 }], 120));
  add('list: empty', presentItemList('督办事项 · 我的', [], 0));
  const report = {
    title: '督查通报（第48周）',
    asOf: '2026-12-09',
    total: 10,
    open: 6,
    closed: 4,
    closedOnTime: 3,
    overdue: 2,
    byUnit: [
      { unitName: '县住建局', total: 5, closed: 2, closedOnTime: 2, overdue: 1 },
      { unitName: '城关镇', total: 5, closed: 2, closedOnTime: 1, overdue: 0 },
    ],
    overdueItems: [{ number: '督〔2026〕15号', content: '老旧小区改造', unitName: '县住建局', leaderName: '李副县长', overdueDays: 3 }],
  };
  add('report', presentReport(report));
  add('report: nothing overdue', presentReport({ ...report, overdue: 0, overdueItems: [] }));

  add('follow-up', presentFollowUpCard(view({ status: 'closed' })));
  add('follow-up: holds', presentFollowUpCard(view({ status: 'closed' }), 'holds'));
  add('follow-up: relapsed', presentFollowUpCard(view({ status: 'closed' }), 'relapsed'));

  add(
    'admin: jobs',
    presentJobList(
      jobs,
      new Map([
        ['supervision.chase', { period: '2026-11-23', status: 'done' }],
        ['supervision.report', { period: 'manual:2026-11-23 10:00', status: 'failed' }],
      ]),
    ),
  );
  add(
    'admin: audit trail',
    presentAuditTrail('督〔2026〕15号', [
      { at: '2026-11-23 09:10', who: '王督查', action: '立项', detail: '' },
      { at: '2026-11-24 10:02', who: '张伟', action: '反馈进展', detail: '进度 40% <已完成招标>' },
    ]),
  );
  add('admin: audit trail, empty', presentAuditTrail('item1', []));
  return cards;
}

describe('renderCard over every presenter', () => {
  const cards = allPresenterCards();

  it.each(cards)('%s: no unknown component, title shown', (_name, c) => {
    const { html, unknownTags } = render(c);
    expect(unknownTags).toEqual([]);
    expect(html).not.toContain('未支持的组件');
    expect(html).toContain(shown(c.header!.title.content));
    expect(html).not.toMatch(/<script/i);
    const { tags, attributes } = tokenize(html);
    for (const t of tags) expect(RENDERER_TAGS).toContain(t);
    for (const a of attributes) expect(a).toMatch(RENDERER_ATTRIBUTES);
  });

  it.each(cards)('%s: renders the same once stamped (as sent)', (_name, c) => {
    const stamped = stampCard(c);
    const { html, unknownTags } = render(stamped);
    expect(unknownTags).toEqual([]);
    // Every callback button carries its stamped value.
    const buttons = html.match(/data-testid="card-button"/g)?.length ?? 0;
    expect((html.match(/data-value="[^"]*&quot;_r&quot;/g) ?? []).length).toBe(buttons);
  });

  it('shows a button per callback in the presenter output, with its label', () => {
    for (const [, c] of cards) {
      const labels: string[] = [];
      JSON.stringify(c, (_key, value: unknown) => {
        const el = value as { tag?: string; text?: { content?: string } } | null;
        if (el && el.tag === 'button' && el.text?.content !== undefined) labels.push(el.text.content);
        return value;
      });
      const { html } = render(c);
      for (const label of labels) expect(html).toContain(`data-label="${shown(label)}"`);
      expect(html.match(/data-testid="card-button"/g)?.length ?? 0).toBe(labels.length);
    }
  });

  it('renders the item card faithfully: colour, mentions, overdue font, buttons with confirm', () => {
    const { html } = render(presentItemCard(view({ status: 'pending_close', overdueDays: 2 }), 'group'));
    expect(html).toContain('tpl-red');
    expect(html).toContain('<span class="md-at" data-open-id="ou_zhang">@张伟</span>');
    expect(html).toContain('<span class="md-font md-font-red">已超期2个工作日</span>');
    expect(html).toContain('class="card-btn btn-primary"');
    expect(html).toContain('data-confirm-title="确认销号"');
    expect(html).toContain('data-confirm-text="确认 督〔2026〕15号 已办结并销号？"');
    expect(html).toContain('class="card-cols flex-flow" style="gap:8px"');
    expect(html).toContain('<div class="card-subtitle">待销号</div>');
    const value = /data-label="销号" data-value="([^"]*)"/.exec(html)![1]!;
    expect(JSON.parse(value.replace(/&quot;/g, '"'))).toEqual({ a: 'sv.close', id: 'item1' });
  });

  it('renders the create form with every field kind', () => {
    const { html } = render(
      presentCreateForm({ units: [{ id: 'u1', name: '县住建局' }], leaders: [{ id: 'p1', name: '李副县长' }] }, '期限不是工作日', {
        deadline: '2026-12-05 +0800',
        unit: 'u1',
      }),
    );
    expect(html).toContain('<form class="card-form" data-name="create" novalidate>');
    expect(html).toMatch(
      /<textarea class="card-input card-textarea" rows="3" name="content" data-field="input" data-label="工作内容" required data-required="true" maxlength="1000"><\/textarea>/,
    );
    expect(html).toMatch(/<input class="card-input" type="text" value="" name="person" data-field="input"/);
    expect(html).toMatch(/<select class="card-select" name="unit" data-field="select" data-label="承办单位" required data-required="true">/);
    expect(html).toContain('<option value="u1" selected>县住建局</option>');
    expect(html).toContain('<option value="instruction" selected>领导批示</option>');
    expect(html).toMatch(/<input class="card-input card-date" type="date" value="2026-12-05" name="deadline" data-field="date"/);
    expect(html).toContain('data-form-action="submit"');
    expect(html).toContain('data-name="submit"');
    expect(html).toContain('<span class="md-font md-font-red">期限不是工作日</span>');
    // The placeholder in the multiline input keeps its line break as an attribute value.
    expect(html).toContain('placeholder="2026-12-10 完成方案制定\n2026-12-25 完成主体工程"');
  });
});

// ------------------------------------------------------------------------------------------------
// The stored snapshots of the presenters' tests

/** Parses a vitest snapshot (pretty-format, strings unescaped) back into JSON. */
function parsePrettyFormat(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!inString) {
      if (ch === '"') inString = true;
      out += ch;
      continue;
    }
    if (ch === '"') {
      const rest = text.slice(i + 1);
      // pretty-format does not escape quotes: a quote ends the string only where the syntax continues.
      if (/^(: |,\n|\n|$)/.test(rest)) {
        inString = false;
        out += ch;
      } else out += '\\"';
    } else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

function snapshotCards(): [string, unknown][] {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../../features');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.snap') && dir.endsWith('__snapshots__')) files.push(p);
    }
  };
  walk(root);
  const out: [string, unknown][] = [];
  for (const file of files) {
    const exported: Record<string, string> = {};
    new Function('exports', readFileSync(file, 'utf8'))(exported);
    for (const [name, text] of Object.entries(exported)) {
      const value = parsePrettyFormat(text.trim()) as { schema?: string };
      if (value && value.schema === '2.0') out.push([name, value]);
    }
  }
  return out;
}

describe('renderCard over the presenters’ snapshots', () => {
  const cards = snapshotCards();

  it('finds the snapshots', () => {
    expect(cards.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cards)('%s', (_name, c) => {
    const { html, unknownTags } = render(c);
    expect(unknownTags).toEqual([]);
    expect(html).toContain(shown((c as Card).header!.title.content));
  });
});

// ------------------------------------------------------------------------------------------------
// Safety

/**
 * A strict reading of the renderer's HTML: every `<` opens a tag whose attributes are all double-quoted
 * values free of `"` and `<`; text holds no `>`. Returns the tag and attribute names seen.
 */
const RENDERER_TAGS = [
  'a',
  'br',
  'button',
  'code',
  'del',
  'div',
  'em',
  'form',
  'hr',
  'input',
  'label',
  'li',
  'ol',
  'option',
  'p',
  'select',
  'span',
  'strong',
  'textarea',
  'ul',
];
const RENDERER_ATTRIBUTES =
  /^(class|style|type|value|name|href|target|rel|title|role|aria-label|aria-hidden|placeholder|maxlength|rows|size|start|selected|disabled|required|multiple|novalidate|data-[a-z-]+)$/;

function tokenize(html: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const text = html.slice(i, lt === -1 ? html.length : lt);
    if (text.includes('>')) throw new Error(`raw > in text: ${text}`);
    if (lt === -1) break;
    const m = /^<(\/?)([a-z][a-z0-9]*)((?:\s[a-z][a-z-]*(?:="[^"<]*")?)*)\s*>/.exec(html.slice(lt));
    if (!m) throw new Error(`malformed tag at ${html.slice(lt, lt + 80)}`);
    tags.add(m[2]!);
    for (const a of m[3]!.matchAll(/\s([a-z][a-z-]*)(?:="[^"<]*")?/g)) attributes.add(a[1]!);
    i = lt + m[0].length;
  }
  return { tags, attributes };
}

describe('renderCard is XSS-safe', () => {
  const evil = '<script>alert(1)</script>"><img src=x onerror=alert(1)>\'><svg onload=alert(1)>';
  const hostile: Card = {
    schema: '2.0',
    config: { update_multi: true },
    header: {
      title: plain(evil),
      subtitle: plain(evil),
      template: 'red" onclick="alert(1)' as 'red',
      text_tag_list: [{ tag: 'text_tag', text: plain(evil), color: 'red" onmouseover="x' }],
    },
    body: {
      elements: [
        markdown(evil),
        markdown(escapeMarkdown(evil)),
        markdown('[点我](javascript:alert(1)) [也点我](JaVaScRiPt:alert(1)) [数据](data:text/html;base64,PHNjcmlwdD4=) [好的](https://example.com/a?b="c")'),
        markdown(`<at id="ou_x\\" onmouseover=alert(1)"></at> <font color='red;background:url(javascript:alert(1))'>字</font>`),
        { tag: 'div', text: plain(evil) },
        { tag: 'div', text: { tag: 'lark_md', content: evil } },
        buttonRow([actionButton(evil, 'x', { note: evil }, { type: 'danger', confirm: { title: evil, text: evil } })]),
        {
          tag: 'button',
          text: plain('打开'),
          type: 'primary" onclick="alert(1)' as 'primary',
          behaviors: [{ type: 'open_url', default_url: 'javascript:alert(1)' }],
        },
        {
          tag: 'form',
          name: evil,
          elements: [
            { tag: 'input', name: evil, label: plain(evil), placeholder: plain(evil), default_value: evil },
            { tag: 'input', name: 'm', input_type: 'multiline_text', default_value: '</textarea><script>alert(1)</script>' },
            { tag: 'select_static', name: 's', placeholder: plain(evil), initial_option: evil, options: [{ text: plain(evil), value: evil }] },
            { tag: 'date_picker', name: 'd', initial_date: '"><script>alert(1)</script>', placeholder: plain(evil) },
            { tag: 'button', name: 'submit', text: plain('提交'), form_action_type: 'submit', behaviors: [{ type: 'callback', value: { a: evil } }] },
          ],
        },
        { tag: 'img', img_key: 'img_x', alt: plain(evil) } as unknown as Card['body']['elements'][number],
        { tag: evil } as unknown as Card['body']['elements'][number],
      ],
    },
  };

  const { html, unknownTags } = renderCard(hostile, { mentionName: () => evil });

  it('never emits a live tag or handler from card text', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<\/textarea><script/i);
    // Parsed as HTML, card text opens no tag and no attribute: only the renderer's own.
    const { tags, attributes } = tokenize(html);
    for (const t of tags) expect(RENDERER_TAGS).toContain(t);
    expect(tags.has('a')).toBe(false);
    for (const a of attributes) expect(a).toMatch(RENDERER_ATTRIBUTES);
    expect(html).not.toMatch(/href="(?!https:)/i);
    expect(html).not.toMatch(/javascript:alert\(1\)"/i);
    expect(html).not.toContain('data-url=');
  });

  it('shows the hostile text as text', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('tpl-default');
    expect(html).toContain('tag-neutral');
    expect(html).toContain('class="card-btn btn-default"');
    expect(html).toContain('<span class="md-link-blocked">点我</span>');
    expect(html).toContain('<span class="md-link-blocked">数据</span>');
    expect(html).toContain('<span class="md-font">字</span>');
    expect(html).toContain('value="" name="d"');
  });

  it('lists and shows the unknown tag, escaped', () => {
    expect(unknownTags).toEqual([evil]);
    expect(html).toContain(`[未支持的组件：${escapeHtml(evil)}]`);
  });

  it('only links http(s), in a new tab without an opener', () => {
    const md = renderMarkdown('[政府网](https://www.gov.cn/a_(b)?x=1&y=2) [内网](http://10.0.0.1/) [ftp](ftp://x/y)');
    expect(md).toContain('<a class="md-link" href="https://www.gov.cn/a_(b)?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">政府网</a>');
    expect(md).toContain('href="http://10.0.0.1/"');
    expect(md).toContain('<span class="md-link-blocked">ftp</span>');
  });

  it('keeps what escapeMarkdown escaped literal: no mention, font or link can be injected', () => {
    const user = "<at id=all></at> <font color='red'>x</font> [a](https://evil.example) **粗**";
    const md = renderMarkdown(escapeMarkdown(user));
    expect(md).not.toContain('md-at');
    expect(md).not.toContain('md-font');
    expect(md).not.toContain('<a ');
    expect(md).toContain('&lt;at id=all&gt;&lt;/at&gt; &lt;font color=&#39;red&#39;&gt;x&lt;/font&gt; [a](https://evil.example) <strong>粗</strong>');
  });
});

// ------------------------------------------------------------------------------------------------
// Markdown details

describe('renderMarkdown', () => {
  it('names mentions, marks @all, and falls back to the id', () => {
    const md = renderMarkdown('请 <at id=ou_zhang></at>、<at id="ou_li"></at> 和 <at id=ou_nobody></at> 办理 <at id=all></at>', { mentionName });
    expect(md).toContain('<span class="md-at" data-open-id="ou_zhang">@张伟</span>');
    expect(md).toContain('<span class="md-at" data-open-id="ou_li">@李副县长</span>');
    expect(md).toContain('<span class="md-at" data-open-id="ou_nobody">@ou_nobody</span>');
    expect(md).toContain('<span class="md-at md-at-all">@所有人</span>');
    expect(renderMarkdown("<at user_id='ou_q'>钱</at>")).toContain('<span class="md-at" data-open-id="ou_q">@钱</span>');
  });

  it('colours whitelisted fonts, drops other colours, balances spans across lines', () => {
    expect(renderMarkdown("<font color='red'>超期</font> <font color=\"green\">正常</font> <font color='grey'>灰</font>")).toBe(
      '<p class="md-p"><span class="md-font md-font-red">超期</span> <span class="md-font md-font-green">正常</span> <span class="md-font md-font-grey">灰</span></p>',
    );
    expect(renderMarkdown("<font color='#ff0000'>x</font></font>")).toBe('<p class="md-p"><span class="md-font">x</span></p>');
    expect(renderMarkdown("<font color='red'>一\n二</font>三")).toBe(
      '<p class="md-p"><span class="md-font md-font-red">一</span><br><span class="md-font md-font-red">二</span>三</p>',
    );
    expect(renderMarkdown("<font color='red'>未闭合")).toBe('<p class="md-p"><span class="md-font md-font-red">未闭合</span></p>');
  });

  it('formats bold, italic, strike, code, line breaks and lists with continuation lines', () => {
    expect(renderMarkdown('**粗** *斜* ~~删~~ `督办 列表 [超期]`\n第二行')).toBe(
      '<p class="md-p"><strong>粗</strong> <em>斜</em> <del>删</del> <code class="md-code">督办 列表 [超期]</code><br>第二行</p>',
    );
    expect(renderMarkdown('标题\n- 一\n  续行\n- 二\n结尾')).toBe(
      '<p class="md-p">标题</p><ul class="md-list"><li>一<br>续行</li><li>二</li></ul><p class="md-p">结尾</p>',
    );
    expect(renderMarkdown('1. 甲\n2. 乙')).toBe('<ol class="md-list"><li>甲</li><li>乙</li></ol>');
  });

  it('decodes the entities escapeMarkdown produces into literal characters', () => {
    expect(renderMarkdown('孙&lt;b&gt;秘书 &amp; &#91;附件&#93;(https://x.y) &amp;lt;')).toBe(
      '<p class="md-p">孙&lt;b&gt;秘书 &amp; [附件](https://x.y) &amp;lt;</p>',
    );
    expect(renderMarkdown('发送「单位 <名称>」')).toBe('<p class="md-p">发送「单位 &lt;名称&gt;」</p>');
  });
});

// ------------------------------------------------------------------------------------------------
// Components and forms

describe('components', () => {
  const all: Card = card({
    title: '组件',
    template: 'purple',
    elements: [
      { tag: 'hr' },
      {
        tag: 'column_set',
        flex_mode: 'bisect',
        columns: [
          { tag: 'column', width: 'weighted', weight: 2, vertical_align: 'center', elements: [markdown('左')] },
          { tag: 'column', width: 'weighted', weight: 1, elements: [markdown('右')] },
        ],
      },
      ...(['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'] as const).map((type) => ({
        tag: 'button' as const,
        text: plain(type),
        type,
        disabled: type === 'laser',
        behaviors: [{ type: 'callback' as const, value: { t: type } }],
      })),
      { tag: 'button', text: plain('官网'), behaviors: [{ type: 'open_url', default_url: 'https://www.feishu.cn/' }] },
    ],
  });
  const withHeaderTags = {
    ...all,
    header: { ...all.header!, text_tag_list: [{ tag: 'text_tag', text: plain('紧急'), color: 'red' }] },
    body: {
      elements: [
        ...all.body.elements,
        {
          tag: 'multi_select_static',
          name: 'ms',
          placeholder: plain('多选'),
          selected_values: ['b'],
          options: [
            { text: plain('甲'), value: 'a' },
            { text: plain('乙'), value: 'b' },
          ],
        },
        { tag: 'img', img_key: 'img_v2_x', alt: plain('现场照片') },
      ],
    },
  };
  const { html, unknownTags } = renderCard(withHeaderTags);

  it('renders every button type, disabled, and open_url', () => {
    expect(unknownTags).toEqual([]);
    for (const t of ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser']) {
      expect(html).toContain(`class="card-btn btn-${t}"`);
    }
    expect(html).toMatch(/data-label="laser" data-value="[^"]*" disabled>/);
    expect(html).toContain('data-url="https://www.feishu.cn/"');
  });

  it('renders header tags, weighted columns, multi-selects and image placeholders', () => {
    expect(html).toContain('<div class="card-header tpl-purple">');
    expect(html).toContain('<span class="card-tag tag-red">紧急</span>');
    expect(html).toContain('class="card-cols flex-bisect"');
    expect(html).toContain('<div class="card-col col-weighted valign-center" style="flex:2 1 0">');
    expect(html).toMatch(/<select class="card-select" name="ms" data-field="multi_select"[^>]* multiple size="2">/);
    expect(html).toContain('<option value="b" selected>乙</option>');
    expect(html).toContain('<div class="card-img" role="img" aria-label="现场照片">');
  });

  it('renders an unknown tag visibly and lists it', () => {
    const r = renderCard({
      schema: '2.0',
      body: { elements: [{ tag: 'chart' }, { tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'table' }] }] }] },
    });
    expect(r.unknownTags).toEqual(['chart', 'table']);
    expect(r.html).toContain('[未支持的组件：chart]');
    expect(r.html).toContain('[未支持的组件：table]');
  });
});

describe('toFormValue', () => {
  it('maps fields as Lark sends form_value: inputs always, selects and dates when chosen', () => {
    expect(
      toFormValue([
        { name: 'done', kind: 'input', value: '完成招标\n开工', required: true, label: '已完成的工作' },
        { name: 'percent', kind: 'select', value: '40', required: true },
        { name: 'next', kind: 'input', value: '' },
        { name: 'date', kind: 'date', value: '2026-12-18', required: true },
        { name: 'ms', kind: 'multi_select', value: ['a', 'b'] },
        { name: 'leader', kind: 'select', value: '' },
        { name: 'none', kind: 'multi_select', value: [] },
      ]),
    ).toEqual({ formValue: { done: '完成招标\n开工', percent: '40', next: '', date: '2026-12-18 +0800', ms: ['a', 'b'] }, missing: [] });
  });

  it('names the required fields left empty', () => {
    expect(
      toFormValue([
        { name: 'reason', kind: 'input', value: '  ', required: true, label: '延期理由' },
        { name: 'date', kind: 'date', value: '', required: true, label: '申请延至（须为工作日）' },
        { name: 'x', kind: 'select', value: '', required: false, label: '可选' },
      ]).missing,
    ).toEqual(['延期理由', '申请延至（须为工作日）']);
  });
});
