import { describe, expect, it } from 'vitest';
import { validateCard } from '../../local/lark/card-validator.js';
import { presentHelpCard } from './help-card.js';

const entries = [
  { feature: '通用', names: ['帮助', 'help'], usage: '帮助', summary: '查看全部指令' },
  { feature: '督查督办', names: ['督办'], usage: '督办 列表 [超期]', summary: '查看督办事项' },
];

describe('presentHelpCard', () => {
  it('groups commands by feature and lists aliases', () => {
    expect(presentHelpCard(entries)).toMatchSnapshot();
  });

  it('is a valid JSON 2.0 card under the fake Lark server checks', () => {
    expect(validateCard(JSON.stringify(presentHelpCard(entries)))).toEqual([]);
  });
});
