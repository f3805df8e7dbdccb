import { describe, expect, it } from 'vitest';
import { validateCard } from '../../../local/lark/card-validator.js';
import { presentGroupEscalation, type DigestLine } from './digest.js';

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
      line: { ...base, liaisons: [{ name: '刘联络', openId: LIAISON_A }, { name: '陈联络', openId: LIAISON_B }] },
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
