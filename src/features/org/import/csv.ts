/**
 * A small RFC 4180 reader (no package): quoted fields with "" escapes, commas and line breaks inside
 * quotes, CRLF / LF / CR line endings, a UTF-8 byte-order mark. Lenient where Excel is: a stray quote
 * inside an unquoted field is kept as text. Every line break outside quotes ends a record, blank lines
 * included, so record n is the row Excel shows as row n.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedField = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    record.push(field);
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '' && !quotedField) {
      inQuotes = true;
      quotedField = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += ch;
    }
  }
  // A final line break does not start another record.
  if (field !== '' || record.length > 0 || quotedField) endRecord();
  return records;
}

/**
 * Bytes → text: UTF-8 (with or without BOM), else GB18030 — what Excel on Chinese Windows writes
 * when saving "CSV (逗号分隔)".
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Comma unless the first line has tabs and no commas (a sheet pasted as tab-separated text). */
export function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}
