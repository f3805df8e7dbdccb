import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  type IRunOptions,
} from 'docx';
import { CHAR_SPACE, CHAR_TWIPS, FONT, FOOTER_DISTANCE, HEADER_DISTANCE, LINE_TWIPS, MARGIN, mm, PAGE, RED, SIZE, TEXT_AREA } from './gbt9704.js';
import { gongwenSchema, type Gongwen, type GongwenInput } from './model.js';
import { formatDocDate, formatDocNumber, headingNumber, widthInChars } from './wording.js';

/**
 * A 公文 as a .docx in the GB/T 9704 layout. Every run names its font for all scripts (eastAsia included),
 * so the document does not depend on the reader's Normal style.
 */

type FontName = (typeof FONT)[keyof typeof FONT];

const run = (text: string, font: FontName, size: number, extra: Omit<IRunOptions, 'text' | 'font' | 'size'> = {}) =>
  new TextRun({ text, font: { ascii: font, hAnsi: font, eastAsia: font, cs: font }, size, ...extra });

const body = (text: string, extra: Omit<IRunOptions, 'text' | 'font' | 'size'> = {}) => run(text, FONT.仿宋, SIZE.三号, extra);
const blank = () => new Paragraph({ children: [body('')] });
const exact = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT };
/** 首行缩进二字. */
const indented = { indent: { firstLine: 2 * CHAR_TWIPS } };

const HEADING_FONT: Record<1 | 2 | 3 | 4, { font: FontName; bold: boolean }> = {
  1: { font: FONT.黑体, bold: false },
  2: { font: FONT.楷体, bold: false },
  3: { font: FONT.仿宋, bold: true },
  4: { font: FONT.仿宋, bold: false },
};

/** The 版头: 发文机关标志 as large as fits the line (at most 初号, 42 pt), red, centred; then the 发文字号 and the red rule. */
function masthead(doc: Gongwen): Paragraph[] {
  const out: Paragraph[] = [];
  const number = doc.docNumber ? formatDocNumber(doc.docNumber) : undefined;
  // The rule sits 4 mm (about 11 pt) below the 发文字号, or below the mark when there is no number.
  const rule = { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 11 } };
  if (doc.issuerMark) {
    const fit = Math.floor((TEXT_AREA.width / 10 / widthInChars(doc.issuerMark)) * 0.95); // half-points per character
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // 35 mm between the 版心's top and the mark's top edge (§7.2.4), on a line that fits the large type.
        spacing: { before: mm(35), line: 240, lineRule: LineRuleType.AUTO },
        ...(number || doc.imprint ? {} : { border: rule }),
        children: [run(doc.issuerMark, FONT.小标宋, Math.min(84, fit), { color: RED })],
      }),
      blank(),
    );
  }
  if (number)
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, ...(doc.issuerMark && !doc.imprint ? { border: rule } : {}), children: [body(number)] }));
  if (doc.imprint)
    out.push(
      new Paragraph({
        border: rule,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_AREA.width }],
        children: [body(doc.imprint.left), new TextRun({ children: [new Tab()] }), body(doc.imprint.right)],
      }),
    );
  if (out.length) out.push(blank(), blank());
  return out;
}

function title(doc: Gongwen): Paragraph[] {
  if (!doc.title) return [];
  const lines = doc.title.split('\n');
  const p = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: lines.map((line, i) => run(line.trim(), FONT.小标宋, SIZE.二号, i ? { break: 1 } : {})),
  });
  return [p, blank()];
}

function blocks(doc: Gongwen): Paragraph[] {
  const counters = [0, 0, 0, 0, 0];
  return doc.blocks.map((b) => {
    if (b.level === 0) {
      const lead = b.lead ? [run(b.lead, FONT.黑体, SIZE.三号)] : [];
      return new Paragraph({ alignment: AlignmentType.JUSTIFIED, ...indented, children: [...lead, body(b.text)] });
    }
    counters[b.level]! += 1;
    for (let lower = b.level + 1; lower <= 4; lower++) counters[lower] = 0;
    const { font, bold } = HEADING_FONT[b.level];
    const heading = run(`${headingNumber(b.level, counters[b.level]!)}${b.text}`, font, SIZE.三号, bold ? { bold } : {});
    return new Paragraph({ alignment: AlignmentType.JUSTIFIED, ...indented, children: [heading, ...(b.body ? [body(b.body)] : [])] });
  });
}

/**
 * 发文机关署名 and 成文日期 without a seal (§7.3.5.2): the date right-indented two characters, on the line
 * below the signature, whose first character stands two characters left of the date's; a signature
 * longer than that keeps two characters from the right and the date moves left with it.
 */
function signOff(doc: Gongwen): Paragraph[] {
  if (!doc.signature && !doc.date) return [];
  const date = doc.date ? formatDocDate(doc.date, doc.dateNumerals) : '';
  const dateW = widthInChars(date);
  const sigW = doc.signature ? widthInChars(doc.signature) : 0;
  const sigRight = doc.signature ? Math.max(2, dateW + 4 - sigW) : 0;
  const dateRight = doc.signature ? sigRight + sigW - 2 - dateW : 2;
  const right = (text: string, chars: number) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: Math.round(chars * CHAR_TWIPS) }, children: [body(text)] });
  return [blank(), ...(doc.signature ? [right(doc.signature, sigRight)] : []), ...(date ? [right(date, dateRight)] : [])];
}

/** 简报's 报尾: its lines between a rule above and a rule below (thin, black), after a blank line. */
function closing(doc: Gongwen): Paragraph[] {
  if (!doc.closing?.length) return [];
  const line = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
  const last = doc.closing.length - 1;
  return [
    blank(),
    ...doc.closing.map(
      (text, i) =>
        new Paragraph({
          border: { ...(i === 0 ? { top: line } : {}), ...(i === last ? { bottom: line } : {}) },
          children: [run(text, FONT.仿宋, SIZE.四号)],
        }),
    ),
  ];
}

/** 页码 "— 1 —", 4号 半角宋体: odd pages right, even pages left, one character in from the edge (§7.5). */
function pageNumber(side: 'odd' | 'even'): Footer {
  const oneChar = SIZE.四号 * 10;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: FONT.宋体, hAnsi: FONT.宋体, eastAsia: FONT.宋体, cs: FONT.宋体 },
            size: SIZE.四号,
          }),
        ],
      }),
    ],
  });
}

export function gongwenDocument(input: GongwenInput): Document {
  const doc = gongwenSchema.parse(input);
  const children = [...masthead(doc), ...title(doc)];
  if (doc.addressee) children.push(new Paragraph({ children: [body(doc.addressee.replace(/[:：]$/, '') + '：')] }));
  children.push(...blocks(doc), ...signOff(doc), ...closing(doc));
  return new Document({
    creator: '三办助手',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT.仿宋, hAnsi: FONT.仿宋, eastAsia: FONT.仿宋, cs: FONT.仿宋 }, size: SIZE.三号 },
          paragraph: { spacing: exact },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: { ...MARGIN, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_TWIPS, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children,
      },
    ],
  });
}

/** The document's bytes (on the calling thread: docx-build.ts builds it in the file-build thread). */
export async function gongwenDocx(input: GongwenInput): Promise<Buffer> {
  return Packer.toBuffer(gongwenDocument(input));
}
