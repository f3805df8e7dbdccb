/** Chinese date and time phrases: the one parser for every place a person types a date or a time. */
export { parseDatePhrase, type DateForm, type DatePhraseContext, type UnderstoodDate } from './dates.js';
export { parseTimePhrase, type DayPart, type UnderstoodTime } from './times.js';
export { DATE_FORMS, TIME_FORMS, PhraseError, dateFormsHint, timeFormsHint } from './errors.js';
export { dayNote, describeDate, formatMinute, inParens, officeDate, weekdayName } from './format.js';
export { NUMERAL_CHARS, parseCount } from './numerals.js';
