import { describe, expect, it } from 'vitest';
import { draftInputOf } from './draft-input.js';

describe('draftInputOf', () => {
  const base = { id: 'n1', body: '正文。', declaredKind: '', internal: false, secret: false, sensitive: false, reportedAt: new Date(0) };
  it('an ordinary note may go to a model', () => {
    expect(draftInputOf(base, '城关镇')).toEqual({ id: 'n1', unit: '城关镇', text: '正文。', sensitive: false, reportedAt: new Date(0) });
  });
  it('涉密 first, then 内部, then a sensitive word: never to a model, with the reason', () => {
    expect(draftInputOf({ ...base, secret: true, internal: true, sensitive: true }, 'x')).toMatchObject({ sensitive: true, sensitiveMark: '涉密' });
    expect(draftInputOf({ ...base, internal: true }, 'x')).toMatchObject({ sensitive: true, sensitiveMark: '内部' });
    expect(draftInputOf({ ...base, sensitive: true, declaredKind: '工作动态' }, 'x')).toMatchObject({
      sensitive: true,
      sensitiveMark: '敏感词',
      kind: '工作动态',
    });
  });
});
