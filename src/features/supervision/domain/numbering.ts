/** 督〔2026〕15号: the ledger number people quote. */
export function formatItemNumber(year: number, seq: number): string {
  return `督〔${year}〕${seq}号`;
}

/** Accepts 督〔2026〕15号, 督[2026]15号, 督(2026)15, 2026-15, or just 15 (this year). */
export function parseItemNumber(text: string, currentYear: number): { year: number; seq: number } | undefined {
  const t = text.normalize('NFKC').trim();
  const full = /^督?[〔[(（]?(\d{4})[〕\])）-]?(\d{1,6})号?$/.exec(t);
  if (full) return { year: Number(full[1]), seq: Number(full[2]) };
  const short = /^(\d{1,6})号?$/.exec(t);
  if (short) return { year: currentYear, seq: Number(short[1]) };
  return undefined;
}
