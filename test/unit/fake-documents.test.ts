import { describe, expect, it } from 'vitest';
import { FakeDocuments, newDocumentToken } from '../../src/local/lark/documents.js';
import { RateWindows } from '../../src/local/lark/rates.js';
import type { FakeDocument } from '../../src/local/lark/types.js';
import { demoDocuments, demoPeople } from '../../src/local/demo-office.js';

const drive = () => new FakeDocuments({ now: () => 1_764_000_000_000, botOpenId: 'ou_bot', rates: new RateWindows(), docxRate: 0 });

describe("the fake drive's documents", () => {
  it('makes 27-character tokens and refuses any other', () => {
    for (let i = 0; i < 50; i++) expect(newDocumentToken()).toMatch(/^[A-Za-z][A-Za-z0-9]{26}$/);
    expect(() => drive().add({ title: 't', text: 'x', token: 'short' })).toThrow(/27 letters and digits/);
    const d = drive();
    d.add({ title: 't', text: 'x', token: 'A'.repeat(27) });
    expect(() => d.add({ title: 't', text: 'x', token: 'A'.repeat(27) })).toThrow(/exists/);
  });

  it('raises the revision by one per edit and records who edited', () => {
    const d = drive();
    const doc = d.add({ title: '讲话稿', text: '同志们：', owner: { openId: 'ou_a' } });
    expect(doc).toMatchObject({ revision: 1, botCanRead: true, botCanManage: true, subscribed: false, ownerOpenId: 'ou_a' });
    d.edit(doc.token, 'ou_b', '同志们：今天');
    expect(d.docs.get(doc.token)).toMatchObject({ revision: 2, modifiedBy: 'ou_b', text: '同志们：今天' });
    expect(() => d.edit('B'.repeat(27), 'ou_b', 'x')).toThrow(/no document/);
  });

  it('restores saved documents and skips entries that are not documents', () => {
    const good: FakeDocument = {
      token: 'C'.repeat(27),
      title: '文稿',
      text: '正文',
      revision: 4,
      botCanRead: true,
      botCanManage: false,
      subscribed: true,
      createdAt: 1,
      modifiedAt: 2,
    };
    const d = drive();
    d.restore([
      good,
      { ...good, token: '../x' },
      { ...good, token: 'D'.repeat(27), revision: 0 },
      null as unknown as FakeDocument,
      { ...good, token: 'E'.repeat(27), text: 5 as unknown as string },
    ]);
    expect([...d.docs.keys()]).toEqual([good.token]);
    expect(d.docs.get(good.token)).toEqual(good);
  });
});

describe('the demo documents', () => {
  it('are drafted by people of the demo office, with valid, distinct tokens', () => {
    const keys = new Set(demoPeople().map((p) => p.key));
    const docs = demoDocuments();
    expect(docs).toHaveLength(2);
    for (const d of docs) {
      expect(keys.has(d.owner)).toBe(true);
      expect(d.token).toMatch(/^[A-Za-z0-9]{27}$/);
      expect(() => drive().add({ token: d.token, title: d.title, text: d.text })).not.toThrow();
    }
    expect(new Set(docs.map((d) => d.token)).size).toBe(2);
    expect(docs.map((d) => d.title).join()).toMatch(/送审稿.*讲话/);
  });
});
