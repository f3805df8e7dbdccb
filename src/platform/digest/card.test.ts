import { describe, expect, it } from 'vitest';
import { presentMorningDigest, MAX_SECTION_LINES } from './card.js';
import { DigestRegistry, orderSections, type DigestDay, type DigestPerson, type DigestSection } from './registry.js';

const section = (o: Partial<DigestSection> & Pick<DigestSection, 'role' | 'rank' | 'title'>): DigestSection => ({ lines: ['- 一项'], ...o });

describe('今日汇要 card', () => {
  it('presents the sections in the order given, with hints, the name escaped', () => {
    const card = presentMorningDigest({ name: '吴建国<at id=all></at>' }, '2026-09-29', [
      section({ role: 'leader', rank: 10, title: '今日日程 1 项', lines: ['- 上午9:00　调研'], hint: '发送「日程 今天」可查看详情。' }),
      section({
        role: 'leader',
        rank: 40,
        title: '分管范围内超期的督办事项 1 项',
        lines: ['县住建局（1 项）', '- **督〔2026〕1号** 推进改造'],
        pressing: true,
      }),
    ]);
    expect(card).toMatchSnapshot();
    expect(JSON.stringify(card)).toContain('吴建国&lt;at id=all&gt;&lt;/at&gt;同志');
  });

  it('caps a long section and counts the rest; blue when nothing is pressing', () => {
    const lines = Array.from({ length: MAX_SECTION_LINES + 3 }, (_, i) => `- 第${i + 1}份`);
    const card = presentMorningDigest({ name: '李科长' }, '2026-09-29', [section({ role: 'reviewer', rank: 10, title: '您手中待审的文稿 18 份', lines })]);
    const text = JSON.stringify(card);
    expect(text).toContain(`第${MAX_SECTION_LINES}份`);
    expect(text).not.toContain(`第${MAX_SECTION_LINES + 1}份`);
    expect(text).toContain('另有 3 项未列出。');
    expect((card as { header: { template: string } }).header.template).toBe('blue');
  });
});

describe('今日汇要 registry', () => {
  const person: DigestPerson = { id: 'p1', openId: 'ou_1', name: '甲', title: '', unitId: null, grants: [] };
  const day = { date: '2026-09-29', previous: '2026-09-28', at: new Date(), calendar: {} } as unknown as DigestDay;

  it('orders by role (leader, reviewer, liaison, secretary) then rank, and leaves empty sections out', async () => {
    const registry = new DigestRegistry()
      .contribute('a', async () => section({ role: 'secretary', rank: 1, title: 'S' }))
      .contribute('b', async () => [section({ role: 'leader', rank: 20, title: 'L20' }), section({ role: 'liaison', rank: 1, title: 'X', lines: [] })])
      .contribute('c', async () => null)
      .contribute('d', async () => [section({ role: 'reviewer', rank: 1, title: 'R' }), section({ role: 'leader', rank: 5, title: 'L5' })]);
    expect((await registry.sectionsFor(person, day)).map((s) => s.title)).toEqual(['L5', 'L20', 'R', 'S']);
    expect(orderSections([])).toEqual([]);
  });

  it('refuses a feature registered twice', () => {
    const registry = new DigestRegistry().contribute('a', async () => null);
    expect(() => registry.contribute('a', async () => null)).toThrow(/twice/);
  });
});
