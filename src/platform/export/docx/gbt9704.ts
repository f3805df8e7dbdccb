/**
 * The GB/T 9704-2012 page (党政机关公文格式), in Word's units. Figures from ../shared/feature-notes.md §5
 * and dependencies.md: A4; 天头 37 mm, 订口 28 mm, with 35 mm at the foot and 26 mm at the outer edge,
 * which leaves the 版心 at 156 × 225 mm; 22 lines × 28 characters of 3号仿宋.
 */

/** 1 mm in twips (1/20 pt; 1 pt = 1/72 in = 25.4/72 mm). */
export const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
/** Font sizes in half-points (Word's w:sz). */
export const SIZE = { 二号: 44, 三号: 32, 四号: 28 } as const;

export const PAGE = { width: mm(210), height: mm(297) };
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
/** 版心: 156 × 225 mm. */
export const TEXT_AREA = { width: PAGE.width - MARGIN.left - MARGIN.right, height: PAGE.height - MARGIN.top - MARGIN.bottom };

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/**
 * An exact line of 28.95 pt (579 twips): 22 of them fill the 225 mm 版心 (22 × 28.95 pt = 224.7 mm) —
 * a "行" being one 3号 character and 7/8 of one. Exact, not "at least", so that a line never grows.
 */
export const LINE_TWIPS = 579;
/**
 * Word's character grid: 28 characters across 156 mm need a pitch of 15.79 pt, 0.21 pt less than the 16 pt
 * of 3号; docGrid's charSpace is that difference in 1/4096 pt (negative: characters drawn closer).
 */
export const CHAR_SPACE = Math.floor((TEXT_AREA.width / 20 / CHARS_PER_LINE - SIZE.三号 / 2) * 4096); // down: 28 must fit
/** One character of the body (3号), for indents counted in characters (空二字). */
export const CHAR_TWIPS = SIZE.三号 * 10;

/**
 * The 页码 sits 7 mm below the 版心: its top edge 35 − 7 = 28 mm above the page's foot; a 4号 line is
 * about 5 mm tall, so the footer's bottom is 23 mm from the foot (Word measures the footer distance there).
 */
export const FOOTER_DISTANCE = mm(23);
export const HEADER_DISTANCE = mm(15);

/** The names Windows office PCs have installed (the 方正 and _GB2312 fonts are standard on government PCs). */
export const FONT = {
  仿宋: '仿宋_GB2312',
  黑体: '黑体',
  楷体: '楷体_GB2312',
  小标宋: '方正小标宋简体',
  宋体: '宋体',
} as const;

/** The red of the 版头 and its rule. */
export const RED = 'FF0000';
