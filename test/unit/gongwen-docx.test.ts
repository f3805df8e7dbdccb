import JSZip from 'jszip';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { buildDocxInThread } from '../../src/platform/export/docx/docx-build.js';
import { gongwenDocx } from '../../src/platform/export/docx/document.js';
import type { GongwenInput } from '../../src/platform/export/docx/model.js';
import { FileBuildError } from '../../src/platform/file-thread.js';

/** The document's parts as Word reads them: the XML inside the zip. */
async function parts(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`no ${name} in the document`);
    return file.async('string');
  };
  return { read, names: Object.keys(zip.files) };
}

const attr = (xml: string, element: string, name: string): string | undefined => new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1];
const twipsToMm = (t: string | undefined) => (Number(t) * 25.4) / 1440;

interface Para {
  text: string;
  xml: string;
  runs: { text: string; font?: string; size?: number; bold: boolean; color?: string }[];
}

/** The body's paragraphs with each run's text, East Asian font, size, weight and colour. */
function paragraphs(documentXml: string): Para[] {
  const start = documentXml.indexOf('<w:body>');
  const body = start >= 0 ? documentXml.slice(start) : documentXml;
  return [...body.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/gs)].map((m) => {
    const xml = m[1] ?? m[2] ?? '';
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((r) => {
      const x = r[1]!;
      const size = attr(x, 'w:sz', 'w:val');
      return {
        text: [...x.matchAll(/<w:t[^>]*>(.*?)<\/w:t>/gs)].map((t) => t[1]).join(''),
        font: attr(x, 'w:rFonts', 'w:eastAsia'),
        size: size ? Number(size) / 2 : undefined,
        bold: /<w:b\/>/.test(x),
        color: attr(x, 'w:color', 'w:val'),
      };
    });
    return { xml, runs, text: runs.map((r) => r.text).join('') };
  });
}

const MINUTES: GongwenInput = {
  issuerMark: '××县人民政府办公室文件',
  docNumber: { prefix: '县政办发', year: 2026, seq: 15 },
  title: '关于印发《县政府常务会议议题\n管理办法》的通知',
  addressee: '各镇人民政府，县直各部门',
  blocks: [
    { text: '为规范县政府常务会议议题管理，现将有关事项通知如下。' },
    { level: 1, text: '总体要求' },
    { level: 2, text: '加强组织领导。', body: '各单位主要负责同志要亲自过问。' },
    { level: 3, text: '明确责任分工。' },
    { level: 4, text: '按时报送材料。' },
    { level: 3, text: '严格审核把关。' },
    { level: 2, text: '严格时限要求。' },
    { level: 1, text: '工作安排' },
    { level: 2, text: '提前报送议题。' },
    { text: '张三、李四', lead: '出席：' },
  ],
  signature: '××县人民政府办公室',
  date: '2026-12-01',
};

describe('公文 .docx in the GB/T 9704 layout', () => {
  it('has an A4 page with margins 37 / 35 / 28 / 26 mm, a 156 × 225 mm 版心 and a grid of 22 lines × 28 characters', async () => {
    const { read } = await parts(await gongwenDocx(MINUTES));
    const doc = await read('word/document.xml');
    const sect = /<w:sectPr>.*<\/w:sectPr>/s.exec(doc)![0];
    expect(twipsToMm(attr(sect, 'w:pgSz', 'w:w'))).toBeCloseTo(210, 1);
    expect(twipsToMm(attr(sect, 'w:pgSz', 'w:h'))).toBeCloseTo(297, 1);
    const margin = (side: string) => twipsToMm(attr(sect, 'w:pgMar', `w:${side}`));
    expect([margin('top'), margin('bottom'), margin('left'), margin('right')].map((m) => Math.round(m * 10) / 10)).toEqual([37, 35, 28, 26]);
    expect(210 - margin('left') - margin('right')).toBeCloseTo(156, 1);
    expect(297 - margin('top') - margin('bottom')).toBeCloseTo(225, 1);

    expect(attr(sect, 'w:docGrid', 'w:type')).toBe('linesAndChars');
    const linePitch = Number(attr(sect, 'w:docGrid', 'w:linePitch'));
    const textHeight = Number(attr(sect, 'w:pgSz', 'w:h')) - Number(attr(sect, 'w:pgMar', 'w:top')) - Number(attr(sect, 'w:pgMar', 'w:bottom'));
    expect(Math.floor(textHeight / linePitch)).toBe(22);
    // Character pitch: 16 pt (三号) plus charSpace/4096 pt; 28 fit across the 版心, 29 do not.
    const pitchTwips = (16 + Number(attr(sect, 'w:docGrid', 'w:charSpace')) / 4096) * 20;
    const textWidth = Number(attr(sect, 'w:pgSz', 'w:w')) - Number(attr(sect, 'w:pgMar', 'w:left')) - Number(attr(sect, 'w:pgMar', 'w:right'));
    expect(28 * pitchTwips).toBeLessThanOrEqual(textWidth);
    expect(29 * pitchTwips).toBeGreaterThan(textWidth);
  });

  it('sets the body in 3号 仿宋_GB2312 with exact 28.95 pt lines', async () => {
    const { read } = await parts(await gongwenDocx(MINUTES));
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/s.exec(await read('word/styles.xml'))![0];
    expect(attr(defaults, 'w:rFonts', 'w:eastAsia')).toBe('仿宋_GB2312');
    expect(attr(defaults, 'w:sz', 'w:val')).toBe('32');
    expect(attr(defaults, 'w:spacing', 'w:lineRule')).toBe('exact');
    expect(Number(attr(defaults, 'w:spacing', 'w:line')) / 20).toBeCloseTo(28.95, 2);
    const body = paragraphs(await read('word/document.xml')).find((p) => p.text.startsWith('为规范'))!;
    expect(body.runs).toEqual([{ text: '为规范县政府常务会议议题管理，现将有关事项通知如下。', font: '仿宋_GB2312', size: 16, bold: false, color: undefined }]);
    expect(attr(body.xml, 'w:ind', 'w:firstLine')).toBe('640'); // 首行缩进二字
  });

  it('writes the 版头 in red, the 发文字号 with its year in 〔〕 above a red rule, and the title in 2号 方正小标宋简体', async () => {
    const ps = paragraphs(await (await parts(await gongwenDocx(MINUTES))).read('word/document.xml'));
    const mark = ps[0]!;
    expect(mark.runs[0]).toMatchObject({ text: '××县人民政府办公室文件', font: '方正小标宋简体', color: 'FF0000' });
    expect(attr(mark.xml, 'w:jc', 'w:val')).toBe('center');
    const number = ps.find((p) => p.text.includes('〔'))!;
    expect(number.text).toBe('县政办发〔2026〕15号');
    expect(attr(number.xml, 'w:bottom', 'w:color')).toBe('FF0000');
    expect(attr(number.xml, 'w:jc', 'w:val')).toBe('center');
    const title = ps.find((p) => p.runs.some((r) => r.font === '方正小标宋简体' && r.size === 22))!;
    expect(title.runs.map((r) => r.text)).toEqual(['关于印发《县政府常务会议议题', '管理办法》的通知']);
    expect(title.xml).toContain('<w:br/>');
    expect(attr(title.xml, 'w:jc', 'w:val')).toBe('center');
    expect(ps.find((p) => p.text.startsWith('各镇'))!.text).toBe('各镇人民政府，县直各部门：');
  });

  it('numbers the heading levels 一、 黑体 / （一） 楷体 / 1. 仿宋 bold / （1） 仿宋, restarting under each higher level', async () => {
    const ps = paragraphs(await (await parts(await gongwenDocx(MINUTES))).read('word/document.xml'));
    const headings = ps.filter((p) => /^(.、|（.）|\d\.)/.test(p.text)).map((p) => p.runs.map((r) => [r.text, r.font, r.size, r.bold]));
    expect(headings).toEqual([
      [['一、总体要求', '黑体', 16, false]],
      [
        ['（一）加强组织领导。', '楷体_GB2312', 16, false],
        ['各单位主要负责同志要亲自过问。', '仿宋_GB2312', 16, false],
      ],
      [['1.明确责任分工。', '仿宋_GB2312', 16, true]],
      [['（1）按时报送材料。', '仿宋_GB2312', 16, false]],
      [['2.严格审核把关。', '仿宋_GB2312', 16, true]],
      [['（二）严格时限要求。', '楷体_GB2312', 16, false]],
      [['二、工作安排', '黑体', 16, false]],
      [['（一）提前报送议题。', '楷体_GB2312', 16, false]],
    ]);
    const present = ps.find((p) => p.text.startsWith('出席'))!;
    expect(present.runs.map((r) => [r.text, r.font])).toEqual([
      ['出席：', '黑体'],
      ['张三、李四', '仿宋_GB2312'],
    ]);
  });

  it('signs off with the 发文机关署名 and the 成文日期 (2026年12月1日), the date two characters right of the signature', async () => {
    const ps = paragraphs(await (await parts(await gongwenDocx(MINUTES))).read('word/document.xml'));
    const [signature, date] = ps.slice(-2);
    expect([signature!.text, date!.text]).toEqual(['××县人民政府办公室', '2026年12月1日']);
    expect(attr(signature!.xml, 'w:jc', 'w:val')).toBe('right');
    // Right indents in characters (320 twips): the signature 2 from the edge; the date's first character
    // 2 right of the signature's (10 − 6.5 = 3.5 characters from the edge).
    expect(Number(attr(signature!.xml, 'w:ind', 'w:right')) / 320).toBe(2);
    expect(Number(attr(date!.xml, 'w:ind', 'w:right')) / 320).toBe(3.5);
    // A short signature: the date keeps two characters from the edge and the signature moves left.
    const short = paragraphs(
      await (await parts(await gongwenDocx({ ...MINUTES, signature: '县政府办', dateNumerals: 'chinese' }))).read('word/document.xml'),
    ).slice(-2);
    // The signature's first character 2 left of the date's: 2 (date from the edge) + 10 (date) + 2 − 4 (signature).
    expect(short.map((p) => [p.text, Number(attr(p.xml, 'w:ind', 'w:right')) / 320])).toEqual([
      ['县政府办', 2 + 10 + 2 - 4],
      ['二〇二六年十二月一日', 2],
    ]);
  });

  it('puts the 页码 "— N —" in 4号 宋体 with a PAGE field: odd pages right, even pages left', async () => {
    const { read } = await parts(await gongwenDocx(MINUTES));
    expect(await read('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const doc = await read('word/document.xml');
    const rels = await read('word/_rels/document.xml.rels');
    const footerOf = async (type: 'default' | 'even') => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(doc)![1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
      return read(`word/${target}`);
    };
    for (const [type, side, indent] of [
      ['default', 'right', 'w:right'],
      ['even', 'left', 'w:left'],
    ] as const) {
      const footer = await footerOf(type);
      const [p] = paragraphs(footer);
      expect(attr(p!.xml, 'w:jc', 'w:val')).toBe(side);
      expect(attr(p!.xml, 'w:ind', indent)).toBe('280'); // one 4号 character in from the edge
      expect(footer).toMatch(/<w:fldChar w:fldCharType="begin"\/>.*<w:instrText[^>]*>PAGE<\/w:instrText>.*<w:fldChar w:fldCharType="end"\/>/s);
      expect(p!.runs.map((r) => r.text).join('')).toBe('—  —'); // the number itself is the field's
      expect(p!.runs[0]!.text).toBe('— ');
      expect(new Set(p!.runs.map((r) => `${r.font}/${r.size}`))).toEqual(new Set(['宋体/14']));
    }
    // The 页码 sits 7 mm below the 版心 (35 mm margin): its footer about 23 mm from the foot.
    expect(twipsToMm(attr(doc, 'w:pgMar', 'w:footer'))).toBeCloseTo(23, 0);
  });

  it('without a 版头 has no red anywhere, and puts a typed 文号 right', async () => {
    const bytes = await gongwenDocx({ docNumber: '县政发(2026)7号', title: '关于做好冬季安全生产工作的通知', blocks: [{ text: '各单位要高度重视。' }] });
    const doc = await (await parts(bytes)).read('word/document.xml');
    expect(doc).not.toContain('FF0000');
    expect(paragraphs(doc)[0]!.text).toBe('县政发〔2026〕7号');
  });

  it('is built in the file-build thread to the same document; a malformed input fails there as a FileBuildError', async () => {
    const built = await buildDocxInThread(MINUTES);
    expect(built.threadId).not.toBe(threadId);
    const there = await (await parts(built.bytes)).read('word/document.xml');
    const here = await (await parts(await gongwenDocx(MINUTES))).read('word/document.xml');
    expect(there).toBe(here);
    await expect(buildDocxInThread({ ...MINUTES, blocks: [] })).rejects.toThrow(FileBuildError);
    await expect(buildDocxInThread({ ...MINUTES, date: '2026-11-31' })).rejects.toThrow('no such date');
  });
});
