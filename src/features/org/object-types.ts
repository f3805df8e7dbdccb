import { defineObjectType } from '../../platform/objects.js';
import { PURPOSE_NAMES } from './purposes.js';
import { clearDirectoryTables } from './repositories/reset.js';
import { ROLE_NAMES } from './roles.js';

const named = (names: Record<string, string>, code: unknown) => (typeof code === 'string' ? (names[code] ?? '其他') : '');
const nameOf = (s: Record<string, unknown>) => (typeof s.name === 'string' ? [s.name] : []);

/**
 * The directory's objects as the registry knows them (记录, the audit panel, demo:reset). Their history
 * is admins' only (no view policy). Feature rows point at people and units: emptied last.
 */
defineObjectType({
  type: 'unit',
  label: '单位',
  actions: { create: '新增单位', update: '修改单位' },
  describe: nameOf,
  clearLast: true,
  clear: clearDirectoryTables,
});
defineObjectType({ type: 'person', label: '人员', actions: { create: '新增人员', update: '修改人员信息' }, describe: nameOf });
defineObjectType({
  type: 'role_grant',
  label: '角色',
  actions: { grant: '授予角色', revoke: '撤销角色' },
  describe: (s) => [named(ROLE_NAMES, s.role)].filter(Boolean),
});
defineObjectType({
  type: 'chat_binding',
  label: '群用途',
  actions: { bind: '绑定群用途', unbind: '解绑群用途' },
  describe: (s) => [named(PURPOSE_NAMES, s.purpose) && `用途：${named(PURPOSE_NAMES, s.purpose)}`].filter(Boolean),
});
defineObjectType({
  type: 'org_import',
  label: '名册导入',
  actions: { import: '导入名册' },
  describe: (s) => (typeof s.fileName === 'string' ? [s.fileName] : []),
});
