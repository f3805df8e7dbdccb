import { describe, expect, it } from 'vitest';
import { editDistance, matchLeader, matchPerson, matchUnit, parseAddress, titleIs, type DirPerson, type DirUnit, type Match } from './match.js';

const U = (id: string, name: string, kind = 'department', code = name): DirUnit => ({ id, code, name, kind });
const units: DirUnit[] = [
  U('dck', '督查科', 'office_section'),
  U('msk', '秘书科', 'office_section'),
  U('xhz', '西河镇', 'town'),
  U('dbz', '东坝镇', 'town'),
  U('hkjd', '河口街道', 'town'),
  U('czj', '县财政局', 'department', 'CZJ'),
  U('zjj', '县住建局'),
  U('jtj', '县交通局'),
  U('fgj', '县发改局'),
  U('zfb', '县政府办公室', 'other'),
  U('nsz', '南山镇', 'town'),
  U('nsjd', '南山街道', 'town'),
];

const P = (id: string, name: string, title: string, roles: string[] = [], unitId: string | null = null, openId: string | null = `ou_${id}`): DirPerson => ({
  id,
  name,
  openId,
  unitId,
  title,
  roles,
  inChargeOf: [],
});
const people: DirPerson[] = [
  P('zhang', '张建华', '县长', ['leader'], 'zf'),
  P('wu', '吴立新', '常务副县长', ['leader'], 'zf'),
  P('zheng', '郑国强', '副县长', ['leader'], 'zf'),
  P('feng', '冯志远', '副县长', ['leader'], 'zf'),
  P('zhao1', '赵一鸣', '副县长', ['leader'], 'zf'),
  P('zhao2', '赵海涛', '副县长', ['leader'], 'zf'),
  P('wang', '王明', '办公室主任', ['director'], 'zfb'),
  P('wangv', '王丽', '副主任', ['director'], 'zfb'),
  P('li_czj', '李强', '局长', [], 'czj'),
  P('li_zjj', '李强', '科员', [], 'zjj'),
  P('xu', '许文静', '联络员', ['liaison'], 'xhz'),
  P('ouyang', '欧阳峰', '副县长', ['leader'], 'zf'),
  P('demo', '周县长', '县长', ['leader'], 'zf', 'ou_demo_head'),
  P('demo2', '吴副县长', '常务副县长', ['leader'], 'zf', 'ou_demo_deputy1'),
  P('nobody', '孙无号', '科员', [], 'dck', null),
];

const show = <T extends { name: string; id: string }>(m: Match<T>) =>
  m.kind === 'one'
    ? `one:${m.value.id}`
    : m.kind === 'many'
      ? `many:${m.candidates.map((c) => c.id).join(',')}`
      : `none:${m.suggestions.map((s) => s.id).join(',')}`;

describe('matchUnit', () => {
  const cases: [typed: string, expected: string][] = [
    ['督查科', 'one:dck'],
    ['县财政局', 'one:czj'],
    ['CZJ', 'one:czj'],
    ['县 财政局', 'one:czj'],
    ['财政局', 'one:czj'],
    ['财政', 'one:czj'],
    ['西河', 'one:xhz'],
    ['西河镇', 'one:xhz'],
    ['县西河镇', 'one:xhz'],
    ['河口', 'one:hkjd'],
    ['住建局', 'one:zjj'],
    ['县政府办', 'one:zfb'],
    ['政府办公室', 'one:zfb'],
    ['南山', 'many:nsz,nsjd'],
    ['西和镇', 'none:xhz'],
    ['县财政', 'one:czj'],
    ['河口镇', 'none:hkjd'],
    ['县教育局', 'none:'],
    ['交通运输局', 'none:jtj'],
    ['', 'none:'],
  ];
  it.each(cases)('%s → %s', (typed, expected) => expect(show(matchUnit(typed, units))).toBe(expected));

  it('a bare kind word names no unit: 办公室 is not silently 县人民政府办公室', () => {
    const withOffice = [...units.filter((u) => u.id !== 'zfb'), U('rmzfb', '县人民政府办公室', 'other')];
    expect(show(matchUnit('办公室', withOffice)).startsWith('one:')).toBe(false);
    expect(show(matchUnit('办', withOffice)).startsWith('one:')).toBe(false);
    expect(show(matchUnit('县人民政府办公室', withOffice))).toBe('one:rmzfb');
  });
});

describe('matchPerson', () => {
  const mentions = [
    { key: '@_user_1', openId: 'ou_xu', name: '许文静' },
    { key: '@_user_2', openId: 'ou_stranger', name: '路人甲' },
  ];
  const cases: [typed: string, expected: string, o?: Parameters<typeof matchPerson>[2]][] = [
    ['许文静', 'one:xu'],
    [' 许文静 ', 'one:xu'],
    ['李强', 'many:li_czj,li_zjj'],
    ['李强', 'one:li_zjj', { preferUnitId: 'zjj' }],
    ['李强', 'many:li_czj,li_zjj', { preferUnitId: 'xhz' }],
    ['张县长', 'one:zhang'],
    ['吴副县长', 'one:demo2'],
    ['吴县长', 'many:wu,demo2'],
    ['王主任', 'one:wang'],
    ['王副主任', 'one:wangv'],
    ['郑副县长', 'one:zheng'],
    ['赵副县长', 'many:zhao1,zhao2'],
    ['欧阳县长', 'one:ouyang'],
    ['李局长', 'one:li_czj'],
    ['周县长', 'one:demo'],
    ['@_user_1', 'one:xu', { mentions }],
    ['@_user_2', 'none:', { mentions }],
    ['@许文静', 'one:xu', { mentions }],
    ['ou_wang', 'one:wang'],
    ['ou_unknown_1', 'none:'],
    ['许文精', 'none:xu'],
    ['张建', 'none:zhang'],
    ['钱县长', 'none:zhang,demo'],
  ];
  it.each(cases)('%s → %s', (typed, expected, o) => expect(show(matchPerson(typed, people, o))).toBe(expected));
});

describe('matchLeader', () => {
  const cases: [typed: string, expected: string][] = [
    ['张建华', 'one:zhang'],
    ['张县长', 'one:zhang'],
    ['县长', 'many:zhang,demo'],
    ['常务副县长', 'many:wu,demo2'],
    ['冯副县长', 'one:feng'],
    ['冯县长', 'one:feng'],
    ['王主任', 'none:'],
    ['许文静', 'none:'],
    ['郑付县长', 'none:zheng'],
  ];
  it.each(cases)('%s → %s', (typed, expected) => expect(show(matchLeader(typed, people))).toBe(expected));
});

describe('addresses and titles', () => {
  it.each([
    ['张县长', { surname: '张', position: '县长' }],
    ['吴副县长', { surname: '吴', position: '副县长' }],
    ['欧阳县长', { surname: '欧阳', position: '县长' }],
    ['县长', undefined],
    ['张三丰县长', undefined],
  ])('parseAddress(%s)', (text, expected) => expect(parseAddress(text)).toEqual(expected));
  it.each([
    ['常务副县长', '副县长', true],
    ['副县长', '县长', false],
    ['办公室主任', '主任', true],
    ['副主任', '主任', false],
    ['县长', '县长', true],
  ] as const)('titleIs(%s, %s) = %s', (title, position, expected) => expect(titleIs(title, position)).toBe(expected));
  it('edit distance', () => {
    expect(editDistance('西河镇', '西和镇')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
