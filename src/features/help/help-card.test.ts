import { describe, expect, it } from 'vitest';
import { validateCard } from '../../local/lark/card-validator.js';
import { presentHelpCard, type HelpEntry } from './help-card.js';
import { suggestedCommands } from './suggestions.js';

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

describe('examples from the registry', () => {
  const withExamples: HelpEntry[] = [
    ...entries,
    { feature: '督查督办', names: ['我的督办'], usage: '我的督办', summary: '与我相关的事项' },
    { feature: '督查督办', names: ['督办列表'], usage: '督办列表 [我的|超期]', summary: '同督办 列表', examples: ['督办列表 我的'] },
  ];

  it("shows a command's examples under it and stays a valid card", () => {
    const c = presentHelpCard(withExamples);
    expect(JSON.stringify(c)).toContain('例如：`督办列表 我的`');
    expect(validateCard(JSON.stringify(c))).toEqual([]);
  });

  it.each<[string, HelpEntry[], string[]]>([
    ['own examples first, in registry order', withExamples, ['帮助', '我的督办', '督办列表 我的']],
    [
      'no example from a usage with choices or placeholders',
      [
        { feature: 'x', names: ['成员'], usage: '成员 <姓名>', summary: '' },
        { feature: 'x', names: ['单位'], usage: '单位 [单位名称]', summary: '' },
      ],
      [],
    ],
    [
      'no duplicates',
      [
        { feature: 'x', names: ['甲'], usage: '甲', summary: '', examples: ['甲'] },
        { feature: 'x', names: ['乙'], usage: '甲', summary: '' },
      ],
      ['甲'],
    ],
  ])('suggests %s', (_name, list, expected) => {
    expect(suggestedCommands(list)).toEqual(expected);
  });
});
