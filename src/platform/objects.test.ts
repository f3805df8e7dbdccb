import { describe, expect, it } from 'vitest';
import { clearObjectTables, defineObjectType, describeAudit, objectType, objectTypes } from './objects.js';
import type { Tx } from '../db/client.js';

// Example declarations (a coming feature's shape), registered in this file's own module instance.
defineObjectType({
  type: 'example_topic',
  label: '会议议题',
  actions: { submit: '提交议题', approve: '同意上会' },
  statuses: { pending: '待审核', approved: '已同意' },
  clear: async (tx) => void (tx as unknown as string[]).push('topics'),
});
defineObjectType({
  type: 'example_directory',
  label: '人员',
  actions: { grant: '授予角色', revoke: '撤销角色' },
  describe: (s) => (s.role === 'editor' ? ['信息编辑'] : []),
  clearLast: true,
  clear: async (tx) => void (tx as unknown as string[]).push('directory'),
});
defineObjectType({ type: 'example_brief', label: '政务信息', actions: {}, clear: async (tx) => void (tx as unknown as string[]).push('briefs') });

describe('object registry', () => {
  it.each([
    [
      'a known action and status',
      { objectType: 'example_topic', action: 'approve', after: { status: 'approved', note: '列入第3次常务会议' } },
      { object: '会议议题', action: '同意上会', detail: '状态→已同意；列入第3次常务会议' },
    ],
    [
      'an unknown status is not shown as its code',
      { objectType: 'example_topic', action: 'submit', after: { status: 'weird_state' } },
      { object: '会议议题', action: '提交议题', detail: '状态→其他状态' },
    ],
    [
      'an unknown action is not shown as its code',
      { objectType: 'example_topic', action: 'frobnicate', after: undefined },
      { object: '会议议题', action: '其他操作', detail: '' },
    ],
    [
      'an unknown type',
      { objectType: 'nobody_declared', action: 'create', after: { status: 'x' } },
      { object: '对象', action: '其他操作', detail: '状态→其他状态' },
    ],
    [
      'the before snapshot when nothing is left after',
      { objectType: 'example_directory', action: 'revoke', before: { role: 'editor' }, after: undefined },
      { object: '人员', action: '撤销角色', detail: '信息编辑' },
    ],
  ])('%s', (_, entry, expected) => {
    expect(describeAudit(entry)).toEqual(expected);
  });

  it('refuses a type declared twice', () => {
    expect(() => defineObjectType({ type: 'example_topic', label: '重复', actions: {} })).toThrow('defined twice');
    expect(objectType('example_topic')?.label).toBe('会议议题');
  });

  it("empties every type's tables, the directory's last", async () => {
    const order: string[] = [];
    await clearObjectTables(order as unknown as Tx);
    expect(order).toEqual(['topics', 'briefs', 'directory']);
    expect(objectTypes().map((t) => t.type)).toEqual(['example_topic', 'example_directory', 'example_brief']);
  });
});
