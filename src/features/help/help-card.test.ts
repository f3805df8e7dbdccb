import { describe, expect, it } from 'vitest';
import { validateCard } from '../../local/lark/card-validator.js';
import { presentHelpCard, type HelpEntry } from './help-card.js';
import { suggestedCommands } from './suggestions.js';

const entries = [
  { feature: '通用', names: ['帮助', 'help'], usage: '帮助', summary: '查看全部指令' },
  { feature: '督查督办', names: ['督办'], usage: '督办 列表 [超期]', summary: '查看督办事项' },
];

const allJobs: HelpEntry[] = [
  ...entries,
  { feature: '文稿审核', names: ['审核', 'review'], usage: '审核 [提交|<编号>]', summary: '文稿审核：提交送审、逐级审核' },
  { feature: '领导日程', names: ['日程'], usage: '日程 [今天|明天]', summary: '领导日程：查询与录入' },
  { feature: '会议议题', names: ['议题'], usage: '议题 [申报]', summary: '会议议题：申报与审核' },
  { feature: '政务信息', names: ['信息'], usage: '信息 [报送|零报告]', summary: '政务信息：报送与编期' },
  { feature: '人员名册', names: ['我是谁'], usage: '我是谁', summary: '查看本人的单位和角色' },
];

const sectionHeads = (c: ReturnType<typeof presentHelpCard>) =>
  c.body.elements.flatMap((e) => (e.tag === 'markdown' && typeof e.content === 'string' && /^\*\*/.test(e.content) ? [e.content.split('\n')[0]!] : []));

describe('presentHelpCard', () => {
  it('groups commands by job and lists aliases', () => {
    expect(presentHelpCard(entries)).toMatchSnapshot();
  });

  it('groups every feature under its job (办会 · 办文 · 办事), in that order, with a line each; the rest under 通用与管理', () => {
    const c = presentHelpCard(allJobs);
    expect(sectionHeads(c)).toEqual([
      '**办会** · 议题申报与审核、会议议程、纪要与决定事项落实',
      '**办文** · 文稿逐级审核与签发、政务信息报送与编期',
      '**办事** · 督查督办事项的立项、反馈与办结，领导日程与值班',
      '**通用与管理** · 帮助、人员与单位、角色授权和系统管理',
    ]);
    const text = JSON.stringify(c);
    // 审核 before 信息 under 办文; 督办 before 日程 under 办事; 帮助 before 我是谁 (registry order) in the rest.
    for (const [a, b] of [
      ['审核 [提交', '信息 [报送'],
      ['督办 列表', '日程 [今天'],
      ['`帮助`', '`我是谁`'],
    ])
      expect(text.indexOf(a!)).toBeLessThan(text.indexOf(b!));
    expect(validateCard(text)).toEqual([]);
    expect(presentHelpCard(allJobs)).toMatchSnapshot();
  });

  it('leaves out a job with no commands yet, and keeps a feature it does not know', () => {
    const c = presentHelpCard([...entries, { feature: '新功能', names: ['新'], usage: '新', summary: '后来加入的功能' }]);
    expect(sectionHeads(c).map((h) => h.split(' · ')[0])).toEqual(['**办事**', '**通用与管理**']);
    expect(JSON.stringify(c)).toContain('后来加入的功能');
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
