import { card, divider, markdown, md, trusted } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { UNIT_KIND_NAMES, UNIT_KINDS, type UnitKind } from '../import/rows.js';
import type { PersonView, UnitView } from '../use-cases/people.js';

const EMPTY_DIRECTORY = '人员名册尚未导入。管理员可在与助手的私聊中发送名册文件（.xlsx 或 .csv）导入。';

/** 单位: units grouped by kind, with headcounts. */
export function presentUnitsCard(units: UnitView[]): Card {
  const elements: CardElement[] = [];
  if (!units.length) elements.push(markdown(EMPTY_DIRECTORY));
  for (const kind of UNIT_KINDS) {
    const list = units.filter((u) => (u.kind as UnitKind) === kind || (kind === 'other' && !UNIT_KINDS.includes(u.kind as UnitKind)));
    if (!list.length) continue;
    if (elements.length) elements.push(divider());
    elements.push(markdown(`**${UNIT_KIND_NAMES[kind]}**（${list.length} 个）\n${list.map((u) => md`${u.name}（${u.headcount} 人）`).join('、')}`));
  }
  const total = units.reduce((n, u) => n + u.headcount, 0);
  if (units.length) elements.push(markdown(`共 ${units.length} 个单位、${total} 人。发送「单位 <名称>」查看某单位人员。`));
  return card({ title: '单位一览', template: 'blue', summary: '单位一览', elements });
}

/** 单位 <名称>: the people of one unit and their roles. */
export function presentUnitMembersCard(unit: UnitView, people: PersonView[]): Card {
  const lines = people.map((p) => {
    const roles = p.roles.map((r) => r.name).join('、');
    return md`- ${p.name}${trusted(p.title ? md` · ${p.title}` : '')}${trusted(roles ? md` · ${roles}` : '')}`;
  });
  const kind = UNIT_KIND_NAMES[unit.kind as UnitKind] ?? unit.kind;
  return card({
    title: `${unit.name}（${kind}）`,
    template: 'blue',
    summary: `${unit.name}人员`,
    elements: [markdown(lines.length ? `共 ${people.length} 人\n${lines.join('\n')}` : '该单位暂无登记人员。')],
  });
}
