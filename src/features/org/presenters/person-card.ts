import { actionButton, buttonRow, card, divider, inlineText, markdown, md, trusted } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { ROLE_NAMES, type Role } from '../roles.js';
import type { PersonView } from '../use-cases/people.js';

export const REVOKE_ACTION = 'org.revoke';

export interface PersonCardOptions {
  /** 我是谁: the reader is the person. */
  self?: boolean;
  /**
   * Revoke buttons for these roles (those the reader may revoke). The value names who asked, for the
   * record only: the click handler authorizes whoever clicks.
   */
  manage?: { requestedBy: string; revocable: readonly Role[] };
  /** Admin by ADMIN_OPEN_IDS rather than by a grant. */
  bootstrapAdmin?: boolean;
}

function roleLine(r: PersonView['roles'][number]): string {
  if (!r.scopes.length) return inlineText(r.name);
  const list = trusted(r.scopes.map(inlineText).join('、'));
  if (r.role === 'liaison') return md`${r.name}（${list}）`;
  return md`${r.name}（${r.role === 'secretary' ? '服务' : '分管'}：${list}）`;
}

function personSection(p: PersonView, o: PersonCardOptions, shownIds: string): CardElement[] {
  const where = [p.unitName, p.title]
    .filter(Boolean)
    .map((s) => inlineText(s!))
    .join(' · ');
  const roles = p.roles.map((r) => `- ${roleLine(r)}`);
  if (o.bootstrapAdmin && !p.roles.some((r) => r.role === 'admin')) roles.push(`- ${ROLE_NAMES.admin}（启动配置）`);
  const elements: CardElement[] = [
    markdown(
      [
        md`**${p.name}**${trusted(where ? `　${where}` : '')}`,
        roles.length ? `**角色**\n${roles.join('\n')}` : '**角色**：暂无',
        `**飞书账号**：${p.linked ? '已关联' : '未关联（导入名册时按手机号或邮箱查询）'}`,
      ].join('\n'),
    ),
  ];
  const revocable = p.roles.filter((r) => o.manage?.revocable.includes(r.role));
  if (o.manage && revocable.length) {
    elements.push(
      buttonRow(
        revocable.map((r) =>
          actionButton(
            `撤销「${r.name}」`,
            REVOKE_ACTION,
            { personId: p.id, role: r.role, requestedBy: o.manage!.requestedBy, shown: shownIds },
            { type: 'danger', confirm: { title: '撤销角色', text: `确认撤销${p.name}的「${r.name}」角色？` } },
          ),
        ),
      ),
    );
  }
  return elements;
}

/** 我是谁 / 成员: one person or all namesakes, with revoke buttons for admins. */
export function presentPersonCard(people: PersonView[], o: PersonCardOptions = {}): Card {
  const first = people[0];
  const title = o.self ? '我的信息' : `人员信息 · ${first?.name ?? ''}${people.length > 1 ? `（${people.length} 人同名）` : ''}`;
  const shownIds = people.map((p) => p.id).join(',');
  const elements: CardElement[] = [];
  people.forEach((p, i) => {
    if (i > 0) elements.push(divider());
    elements.push(...personSection(p, o, shownIds));
  });
  if (!people.length) elements.push(markdown('该人员已不在人员名册中。'));
  return card({ title, template: o.self ? 'blue' : 'turquoise', summary: title, elements });
}

/** 我是谁 for someone the directory does not know. */
export function presentUnknownSelfCard(openId: string, o: { bootstrapAdmin: boolean }): Card {
  const lines = ['您尚未登记在人员名册中，暂无任何角色。', md`如需登记，请将您的飞书 open_id 提供给管理员：\`${openId}\``];
  if (o.bootstrapAdmin) lines.push(`您是启动配置（ADMIN_OPEN_IDS）指定的「${ROLE_NAMES.admin}」，可导入人员名册。`);
  return card({ title: '我的信息', template: 'grey', summary: '我的信息', elements: [markdown(lines.join('\n'))] });
}
