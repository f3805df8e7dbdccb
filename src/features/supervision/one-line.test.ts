import { describe, expect, it } from 'vitest';
import { BotError } from '../../errors.js';
import { duplicateConfirmValue, parseCard, parseOneLineCreate, splitOneLine, STALE_CARD_MESSAGE } from './schemas.js';

/** `督办 新建 <一行>`: split at its keys, then checked with zod; every problem named with its field and an example. */
describe('one-line 立项 arguments', () => {
  it.each([
    ['整治背街小巷 单位:县住建局 期限:12月18日', { content: '整治背街小巷', 单位: '县住建局', 期限: '12月18日' }],
    ['整治背街小巷 单位：县住建局 领导：吴副县长 期限：下周五', { content: '整治背街小巷', 单位: '县住建局', 领导: '吴副县长', 期限: '下周五' }],
    [
      '修缮老街 期限:10个工作日 单位:西河 责任人:张伟 标准:年底完工 文号:〔2026〕12号 回访:10',
      { content: '修缮老街', 单位: '西河', 期限: '10个工作日', 责任人: '张伟', 标准: '年底完工', 文号: '〔2026〕12号', 回访: '10' },
    ],
    ['事项 单位:@_user_1 期限:2026-12-18', { content: '事项', 单位: '@_user_1', 期限: '2026-12-18' }],
  ])('accepts %s', (text, expected) => expect(parseOneLineCreate(text)).toEqual(expected));

  const refused = (text: string) => {
    try {
      parseOneLineCreate(text);
    } catch (err) {
      expect(err).toBeInstanceOf(BotError);
      expect((err as BotError).code).toBe('bad_input');
      return (err as BotError).userMessage;
    }
    throw new Error('accepted');
  };

  it.each([
    ['单位:县住建局 期限:12月18日', '请在「督办 新建」后先写工作内容，再写各项，如「督办 新建 整治背街小巷环境 单位:县住建局 领导:吴副县长 期限:12月18日」。'],
    ['整治 期限:12月18日', '请填写承办单位，如「单位:县住建局」。'],
    ['整治 单位:县住建局', '请填写完成时限，如「期限:12月18日（或 下周五、10个工作日）」。'],
    ['整治', '请填写承办单位，如「单位:县住建局」。\n请填写完成时限，如「期限:12月18日（或 下周五、10个工作日）」。'],
    ['整治 单位: 期限:12月18日', '「单位:」后未填写承办单位，如「单位:县住建局」。'],
    ['整治 单位:县住建局 领导: 期限:12月18日', '「领导:」后未填写负责领导，如「领导:吴副县长」，不需要时请删去「领导:」。'],
    ['整治 单位:县住建局 期限:12月18日 期限:下周五', '「期限:」写了两次，完成时限只能写一个。'],
    [`${'很'.repeat(1001)} 单位:县住建局 期限:12月18日`, '工作内容不超过 1000 字，请精简后重新发送，或使用「督办 新建」表单。'],
    [`整治 单位:${'县'.repeat(51)} 期限:12月18日`, '承办单位不超过 50 字，如「单位:县住建局」。'],
  ])('refuses %s', (text, message) => expect(refused(text)).toBe(message));

  it('splits at keys only, keeping a key written twice twice', () => {
    expect(splitOneLine('内容 单位:甲 单位:乙')).toEqual({
      content: '内容',
      fields: [
        ['单位', '甲'],
        ['单位', '乙'],
      ],
    });
  });
});

describe('确认重复立项 value', () => {
  const draft = { content: '整治', unit: { id: 'u1' }, deadline: '2026-12-18', leader: { id: 'p1' } };
  it('accepts the draft the warning carries', () => {
    expect(parseCard(duplicateConfirmValue, { once: 'msg:om_1', draft: JSON.stringify(draft) })).toEqual({ once: 'msg:om_1', draft });
  });
  it.each([
    ['not JSON', { once: 'msg:om_1', draft: '{' }],
    ['no unit', { once: 'msg:om_1', draft: JSON.stringify({ content: '整治', deadline: '2026-12-18' }) }],
    ['no once', { draft: JSON.stringify(draft) }],
    ['object draft', { once: 'x', draft }],
  ])('answers %s as a stale card', (_l, value) => {
    expect(() => parseCard(duplicateConfirmValue, value)).toThrow(STALE_CARD_MESSAGE);
  });
});
