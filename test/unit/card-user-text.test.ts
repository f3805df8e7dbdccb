import { describe, expect, it } from 'vitest';
import { inlineText, md, trusted } from '../../src/cards/elements.js';
import type { Card } from '../../src/cards/types.js';
import { presentAuditTrail, presentJobList } from '../../src/features/admin/presenters.js';
import { presentPersonCard, presentUnknownSelfCard } from '../../src/features/org/presenters/person-card.js';
import { presentUnitMembersCard, presentUnitsCard } from '../../src/features/org/presenters/units-card.js';
import type { PersonView } from '../../src/features/org/use-cases/people.js';
import { validateCard } from '../../src/local/lark/card-validator.js';
import { markdownContents } from '../support/cards.js';

/** What a user may type or import as a name, a unit, a note: mentions, links, tags and forged lines. */
const HOSTILE = [
  '<at id=all></at>',
  '<at user_id="all"></at>',
  '[x](http://evil)',
  '<font color=red>已销号</font>',
  '张三\n**角色**\n- 管理员',
  '好\r\n- 2026-11-24 10:00　县长　**同意延期**',
];

/**
 * The card built from hostile text carries no live markup and no line of its own: each markdown element
 * has as many lines as the same card built from harmless text.
 */
function expectInert(build: (text: string) => Card) {
  for (const text of HOSTILE) {
    const hostile = build(text);
    const benign = build('某某');
    const contents = markdownContents(hostile);
    for (const c of contents) {
      expect(c).not.toMatch(/<at|<font|\]\(/i);
      expect(c).not.toMatch(/^\s*-\s*(管理员|2026-11-24 10:00　县长)/m);
    }
    expect(contents.map((c) => c.split('\n').length)).toEqual(markdownContents(benign).map((c) => c.split('\n').length));
    expect(validateCard(JSON.stringify(hostile))).toEqual([]);
  }
}

const person = (over: Partial<PersonView> = {}): PersonView => ({
  id: 'p1',
  name: '孙秘书',
  unitName: '秘书科',
  title: '秘书',
  linked: true,
  roles: [
    { role: 'secretary', name: '秘书', scopes: ['钱副县长'] },
    { role: 'leader', name: '县（区）领导', scopes: ['发改局'] },
    { role: 'liaison', name: '联络员', scopes: ['信息'] },
  ],
  ...over,
});

describe('user text in org and admin cards', () => {
  it('escapes and keeps on one line: names, units, titles and scopes on the person cards', () => {
    expectInert((t) => presentPersonCard([person({ name: t })], { manage: { requestedBy: 'ou_a', revocable: ['secretary'] } }));
    expectInert((t) => presentPersonCard([person({ unitName: t, title: t })], { self: true }));
    expectInert((t) =>
      presentPersonCard([
        person({
          roles: [
            { role: 'leader', name: '县（区）领导', scopes: [t, '财政局'] },
            { role: 'secretary', name: '秘书', scopes: [t] },
          ],
        }),
      ]),
    );
    expectInert((t) => presentUnknownSelfCard(t, { bootstrapAdmin: false }));
  });

  it('escapes and keeps on one line: unit names and members on the unit cards', () => {
    expectInert((t) =>
      presentUnitsCard([
        { name: t, kind: 'department', headcount: 3 },
        { name: '财政局', kind: 'department', headcount: 1 },
      ]),
    );
    expectInert((t) => presentUnitMembersCard({ name: t, kind: 'town', headcount: 1 }, [person({ name: t, title: t })]));
  });

  it('escapes and keeps on one line: who, what and the note of every 记录 row, and job descriptions', () => {
    expectInert((t) =>
      presentAuditTrail(t, [
        { at: '2026-11-24 10:00', who: t, action: t, detail: t },
        { at: '2026-11-24 11:00', who: '王督查', action: '立项', detail: '' },
      ]),
    );
    expectInert((t) =>
      presentJobList(
        [{ name: 'housekeeping', description: t, cron: '30 3 * * *', handler: async () => {} }],
        new Map([['housekeeping', { period: t, status: 'done' }]]),
      ),
    );
  });

  it('md escapes what is interpolated, places trusted markup as it is, and folds line breaks', () => {
    expect(md`**${'<at id=all></at>'}** ${3} ${trusted('**粗体**')}`).toBe('**&lt;at id=all&gt;&lt;/at&gt;** 3 **粗体**');
    expect(inlineText('a\n\n- b\r\nc [d]')).toBe('a - b c &#91;d&#93;');
  });
});
