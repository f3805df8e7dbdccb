import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { gongwenDocx } from '../../../../platform/export/docx/document.js';
import { briefDocument, DEFAULT_DISTRIBUTION, orderByKind } from './document.js';

async function docxParagraphs(bytes: Buffer): Promise<{ text: string; xml: string }[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => ({
    xml: p[0],
    text: [...p[0].matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/gs)].map((t) => t[1]).join(''),
  }));
}

const KINDS = ['领导思路', '工作动态', '典型经验'];

describe('the 简报 document', () => {
  it('orders items by the office kind order, keeping the compiled order within a kind', () => {
    const items = [
      { kind: '典型经验', title: 'a' },
      { kind: '工作动态', title: 'b' },
      { kind: '其他', title: 'c' },
      { kind: '工作动态', title: 'd' },
    ];
    expect(orderByKind(items, KINDS).map((i) => i.title)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('reads back with the red 报头, 第N期, 编印单位 and date over a red rule, the items by kind and 报/送/发', async () => {
    const input = briefDocument({
      periodical: '城关县政务信息',
      number: '第12期',
      publisher: '县人民政府办公室',
      date: '2026-12-01',
      items: [
        { kind: '工作动态', title: '城关镇推进老旧小区改造', body: '城关镇完成改造12个小区。\n惠及居民3000户。' },
        { kind: '典型经验', title: '河东乡“三书”工作法', body: '河东乡推行“三书”工作法。' },
      ],
      distribution: DEFAULT_DISTRIBUTION,
    });
    const paras = await docxParagraphs(await gongwenDocx(input));
    const texts = paras.map((p) => p.text).filter(Boolean);
    const head = paras.find((p) => p.text === '城关县政务信息')!;
    expect(head.xml).toMatch(/<w:color w:val="FF0000"\/>/);
    expect(texts).toContain('第12期');
    const imprint = paras.find((p) => p.text.startsWith('县人民政府办公室'))!;
    expect(imprint.text).toBe('县人民政府办公室2026年12月1日');
    expect(imprint.xml).toMatch(/<w:bottom [^>]*w:color="FF0000"/);
    expect(texts).toEqual(
      expect.arrayContaining([
        '一、工作动态',
        '1.城关镇推进老旧小区改造',
        '城关镇完成改造12个小区。',
        '惠及居民3000户。',
        '二、典型经验',
        '1.河东乡“三书”工作法',
        `报：${DEFAULT_DISTRIBUTION.报}`,
        `送：${DEFAULT_DISTRIBUTION.送}`,
        `发：${DEFAULT_DISTRIBUTION.发}`,
      ]),
    );
    expect(texts.indexOf('一、工作动态')).toBeLessThan(texts.indexOf('二、典型经验'));
    expect(texts.indexOf('二、典型经验')).toBeLessThan(texts.indexOf(`报：${DEFAULT_DISTRIBUTION.报}`));
  });

  it('leaves out a 报尾 line configured as 无', () => {
    const closing = (d: typeof DEFAULT_DISTRIBUTION) =>
      briefDocument({ periodical: '政务信息', number: '第1期', publisher: '县政府办公室', date: '2026-12-01', items: [], distribution: d }).closing;
    expect(closing({ 报: '市政府办公室', 送: '无', 发: '各镇人民政府' })).toEqual(['报：市政府办公室', '发：各镇人民政府']);
    expect(closing({ ...DEFAULT_DISTRIBUTION, 发: '' })).toHaveLength(2);
  });
});
