import { AlignmentType, BorderStyle, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import { startThreadBuild, type BuiltFile, type FileBuilder } from '../../../../platform/file-thread.js';
import { FONT } from '../../../../platform/export/docx/gbt9704.js';

/** What the landscape 领导一周工作安排 says; plain data (it is structured-cloned into the build thread). */
export interface WeekDocInput {
  title: string;
  subtitle: string;
  /** Rows by day: the date cell spans its day's rows. */
  days: { label: string; rows: { time: string; leader: string; activity: string; place: string; others: string }[] }[];
  /** Below the table, e.g. 县政府办公室 2026年12月4日. */
  footnote: string;
}

const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
const HEADERS = ['日期', '时间', '领导', '活动内容', '地点', '陪同/参加'];
/** Column widths on landscape A4 with 20 mm margins (257 mm of text width), in mm. */
const WIDTHS = [30, 26, 24, 90, 40, 47];
const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, width: number, o: { bold?: boolean; center?: boolean; rowSpan?: number } = {}): TableCell {
  return new TableCell({
    width: { size: mm(width), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    borders,
    ...(o.rowSpan && o.rowSpan > 1 ? { rowSpan: o.rowSpan } : {}),
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: line, bold: o.bold, font: font(o.bold ? FONT.黑体 : FONT.仿宋), size: 24 })],
        }),
    ),
  });
}

export function weekDocument(input: WeekDocInput): Document {
  const rows: TableRow[] = [new TableRow({ tableHeader: true, children: HEADERS.map((h, i) => cell(h, WIDTHS[i]!, { bold: true, center: true })) })];
  for (const day of input.days) {
    const list = day.rows.length ? day.rows : [{ time: '', leader: '', activity: '（无安排）', place: '', others: '' }];
    list.forEach((r, i) => {
      const cells = [
        cell(r.time, WIDTHS[1]!, { center: true }),
        cell(r.leader, WIDTHS[2]!, { center: true }),
        cell(r.activity, WIDTHS[3]!),
        cell(r.place, WIDTHS[4]!),
        cell(r.others, WIDTHS[5]!),
      ];
      rows.push(new TableRow({ cantSplit: true, children: i === 0 ? [cell(day.label, WIDTHS[0]!, { center: true, rowSpan: list.length }), ...cells] : cells }));
    });
  }
  return new Document({
    creator: '三办助手',
    title: input.title,
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height for a landscape page: give A4 as it stands.
            size: { width: mm(210), height: mm(297), orientation: PageOrientation.LANDSCAPE },
            margin: { top: mm(20), bottom: mm(20), left: mm(20), right: mm(20) },
          },
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: input.title, font: font(FONT.小标宋), size: 40 })] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: input.subtitle, font: font(FONT.楷体), size: 28 })],
          }),
          new Table({ width: { size: mm(WIDTHS.reduce((a, b) => a + b, 0)), type: WidthType.DXA }, columnWidths: WIDTHS.map(mm), rows }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 200 },
            children: [new TextRun({ text: input.footnote, font: font(FONT.仿宋), size: 24 })],
          }),
        ],
      },
    ],
  });
}

/** Runs in the file-build thread: the whole table arrives as the final part (a week is small). */
export function createBuilder(): FileBuilder<never, WeekDocInput> {
  return {
    add: () => {
      throw new Error('the week document is sent whole, as the final part');
    },
    finish: (input) => Packer.toBuffer(weekDocument(input)),
  };
}

const WEEK_DOCX_BUILDER = new URL(import.meta.url);

/** The landscape .docx built off the event loop, one build at a time like every file (platform/file-thread). */
export function buildWeekDocxInThread(input: WeekDocInput): Promise<BuiltFile> {
  return startThreadBuild<never, WeekDocInput>(WEEK_DOCX_BUILDER).finish(input);
}
