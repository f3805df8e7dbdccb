import { describe, expect, it } from 'vitest';
import { validateCard } from '../../../local/lark/card-validator.js';
import { salutation, roleOn } from './chase-wording.js';
import { presentGroupEscalation, presentPersonDigest, type DigestLine } from './digest.js';

const LEADER = 'ou_leader0000000000000000000000001';
const PERSON = 'ou_person0000000000000000000000001';
const LIAISON_A = 'ou_liaison000000000000000000000001';
const LIAISON_B = 'ou_liaison000000000000000000000002';

const base: DigestLine = {
  number: '督〔2026〕15号',
  content: '推进城南片区老旧小区改造',
  deadline: '2026-12-18',
  reason: '已超期3个工作日',
  unitName: '县住建局',
  leaderName: '李副县长',
  leaderOpenId: LEADER,
};

const markdownOf = (line: DigestLine) => JSON.stringify(presentGroupEscalation('2026-12-23', [line]));
const mention = (openId: string) => `<at id=${openId}></at>`;

describe('group escalation: @ 相关人员', () => {
  const cases: { name: string; line: DigestLine; mentioned: string[]; named: string[]; absent: string[] }[] = [
    {
      name: 'a named responsible person in Lark is @-mentioned with the leader',
      line: { ...base, personName: '张伟', personOpenId: PERSON },
      mentioned: [LEADER, PERSON],
      named: ['责任人：'],
      absent: ['联络员：'],
    },
    {
      name: 'no named person: the unit’s liaisons are @-mentioned',
      line: {
        ...base,
        liaisons: [
          { name: '刘联络', openId: LIAISON_A },
          { name: '陈联络', openId: LIAISON_B },
        ],
      },
      mentioned: [LEADER, LIAISON_A, LIAISON_B],
      named: ['联络员：'],
      absent: ['单位联络员', 'undefined'],
    },
    {
      name: 'a named person without a Lark account is named, and the liaisons who act are @-mentioned',
      line: { ...base, personName: '张伟', liaisons: [{ name: '刘联络', openId: LIAISON_A }] },
      mentioned: [LEADER, LIAISON_A],
      named: ['责任人：张伟', '联络员：'],
      absent: [],
    },
    {
      name: 'nobody to mention: the unit’s liaison is asked for in words',
      line: { ...base, liaisons: [] },
      mentioned: [LEADER],
      named: ['责任人：单位联络员'],
      absent: ['联络员：<'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const card = presentGroupEscalation('2026-12-23', [c.line]);
      expect(validateCard(JSON.stringify(card))).toEqual([]);
      const text = markdownOf(c.line);
      for (const id of c.mentioned) expect(text).toContain(mention(id));
      for (const words of c.named) expect(text).toContain(words);
      for (const words of c.absent) expect(text).not.toContain(words);
    });
  }

  it('a liaison name is escaped, never markup', () => {
    const text = markdownOf({ ...base, liaisons: [{ name: '<at id=all></at>', openId: null }] });
    expect(text).not.toContain('<at id=all>');
  });
});

/**
 * Wording per audience. The one who acts is asked to act; the leader is informed and asked to 督促, with the unit
 * and the person named (never "及时办理并在事项卡片中反馈进展" like a liaison); the group is told which units;
 * a supervisor who has been reminded.
 */
describe('chase cards: each audience in its own words', () => {
  const WU = 'ou_wu000000000000000000000000000001';
  const LI = 'ou_li000000000000000000000000000001';
  const town: DigestLine = {
    number: '督〔2026〕15号',
    content: '推进西河镇集镇污水管网改造',
    deadline: '2026-12-18',
    reason: '已超期3个工作日',
    unitName: '西河镇',
    personName: '李明',
    personOpenId: LI,
    leaderName: '吴建国',
    leaderOpenId: WU,
  };
  const bureau: DigestLine = {
    number: '督〔2026〕16号',
    content: '完成县城停车场建设',
    deadline: '2026-12-16',
    reason: '已超期5个工作日',
    unitName: '县住建局',
    leaderName: '吴建国',
    leaderOpenId: WU,
    liaisons: [{ name: '金秀英', openId: LIAISON_A }],
  };
  const wu = { name: '吴建国', openId: WU, title: '常务副县长' };
  const text = (card: unknown): string => {
    const found: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (o.tag === 'markdown') found.push(String(o.content));
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    return found.join('\n');
  };
  const cards = {
    assignee: presentPersonDigest({ name: '李明', openId: LI }, '2026-12-23', [
      town,
      { ...town, number: '督〔2026〕17号', reason: '还有1个工作日到期', deadline: '2026-12-24' },
    ]),
    leader: presentPersonDigest(wu, '2026-12-23', [town]),
    leaderOfTwoUnits: presentPersonDigest(wu, '2026-12-23', [town, bureau]),
    group: presentGroupEscalation('2026-12-23', [town, bureau]),
    supervisor: presentGroupEscalation('2026-12-23', [town, bureau], 'supervisor', { name: '王督查' }),
  };

  it.each(Object.entries(cards))('%s: a valid card, matching its snapshot, without nested parentheses', (_, card) => {
    expect(validateCard(JSON.stringify(card))).toEqual([]);
    expect(text(card)).not.toMatch(/（[^）\n]*（/);
    expect(card).toMatchSnapshot();
  });

  it('the person who acts is asked to act and report', () => {
    const t = text(cards.assignee);
    expect(t).toContain('李明同志：您有 2 项督办事项需要关注。');
    expect(t).toContain('- **督〔2026〕15号** 推进西河镇集镇污水管网改造（时限：12月18日，周五）：已超期3个工作日');
    expect(t).toContain('请抓紧办理已超期事项，并在事项卡片中反馈进展');
    expect(t).not.toContain('督促');
  });

  it('the leader is informed and asked to 督促, the unit and the person named', () => {
    const t = text(cards.leader);
    expect(t).toContain('吴副县长：您负责的以下督办事项已超期，请督促西河镇（责任人：李明）加快办理：');
    expect(t).toContain('- **督〔2026〕15号** 推进西河镇集镇污水管网改造（时限：12月18日，周五），已超期3个工作日');
    for (const liaisonWords of ['请及时办理', '反馈进展；', '同志', '您有']) expect(t).not.toContain(liaisonWords);
    expect(cards.leader.header?.title?.content).toContain('督办事项超期情况');
    // In a private card people are named, not @-mentioned.
    expect(t).not.toContain('<at ');
  });

  it('a leader of items in two units: each unit named once with whoever answers for it, and on its line', () => {
    const t = text(cards.leaderOfTwoUnits);
    expect(t).toContain('您负责的以下 2 项督办事项已超期，请督促西河镇（责任人：李明）、县住建局（联络员：金秀英）加快办理：');
    expect(t).toContain('，承办单位：县住建局，已超期5个工作日');
  });

  it('a reader who is the leader of one item and the responsible person of another gets each in its words', () => {
    const own: DigestLine = { ...bureau, number: '督〔2026〕18号', personName: '吴建国', personOpenId: WU, liaisons: undefined, reason: '尚未签收' };
    const t = text(presentPersonDigest(wu, '2026-12-23', [town, own]));
    expect(t).toContain('吴副县长：您负责的以下督办事项已超期，请督促西河镇');
    expect(t).toContain('此外，您有 1 项督办事项需要关注。');
    expect(t).toContain('签收并反馈进展');
  });

  it('the group is told which units are to act; people and leaders @-mentioned', () => {
    const t = text(cards.group);
    expect(t).toContain('以下 2 项督办事项已超过完成时限，请西河镇、县住建局抓紧办理，并在事项卡片中反馈进展；已同时提醒负责领导督促办理。');
    for (const id of [LI, WU, LIAISON_A]) expect(t).toContain(mention(id));
  });

  it('a supervisor is told who has been reminded, to follow up; names, not mentions', () => {
    const t = text(cards.supervisor);
    expect(t).toContain('王督查：以下 2 项督办事项已超过完成时限，已提醒西河镇、县住建局及负责领导，请跟踪督办。');
    expect(t).toContain('责任人：李明');
    expect(t).not.toContain('<at ');
  });

  it('an item without a leader: the group card says 未指定 and tells of no leader reminded', () => {
    const t = text(presentGroupEscalation('2026-12-23', [{ ...town, leaderName: undefined, leaderOpenId: undefined }]));
    expect(t).toContain('负责领导：未指定');
    expect(t).not.toContain('已同时提醒负责领导');
    expect(t).not.toContain('—');
  });

  it.each([
    [{ name: '吴建国', title: '常务副县长' }, '吴副县长'],
    [{ name: '欧阳明华', title: '副县长' }, '欧阳副县长'],
    [{ name: '周海', title: '县长' }, '周县长'],
    [{ name: '吴副县长', title: '常务副县长' }, '吴副县长'], // the demo office's names already carry the title
    [{ name: '王督查', title: '科长' }, '王督查'],
    [{ name: '许文静', title: '联络员' }, '许文静同志'],
    [{ name: '许文静' }, '许文静同志'],
    [{ name: 'Tom Lee', title: '副县长' }, 'Tom Lee同志'],
  ])('salutation(%j) = %s', (reader, expected) => {
    expect(salutation(reader)).toBe(expected);
  });

  it('who the reader is on a line: by open id, else by name', () => {
    expect(roleOn({ name: '吴建国', openId: WU }, town)).toBe('leader');
    expect(roleOn({ name: '李明', openId: LI }, town)).toBe('assignee');
    expect(roleOn({ name: '金秀英', openId: LIAISON_A }, bureau)).toBe('assignee');
    expect(roleOn({ name: '吴建国' }, town)).toBe('leader');
    // Same name as the leader, another person: the open id decides.
    expect(roleOn({ name: '吴建国', openId: 'ou_other00000000000000000000000001' }, town)).toBe('assignee');
  });
});
