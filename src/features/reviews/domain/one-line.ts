import { parseKind, parseUrgency, type Kind, type Urgency } from './kinds.js';

/**
 * `审核 提交 <标题> <链接> 特急`: the words after 提交, read in any order — the link is the word that
 * starts with http, an urgency word (特急 / 加急 / 平件) sets the urgency, a kind word or `类型:讲话稿` the
 * kind, `单位:综合科` the drafter's unit, `说明:…` a note (to the end); the rest is the title. Pure.
 */
export interface OneLineSubmit {
  title: string;
  link?: string;
  urgency: Urgency;
  kind?: Kind;
  /** What was typed for the kind when it is not one we know. */
  kindTyped?: string;
  unitName?: string;
  note?: string;
}

const FIELD = /^(类型|文种|种类|单位|起草单位|说明|备注)[:：](.*)$/;

export function parseOneLineSubmit(argv: readonly string[]): OneLineSubmit {
  const out: OneLineSubmit = { title: '', urgency: 'normal' };
  const title: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const field = FIELD.exec(word);
    if (field) {
      const [, key, rest] = field;
      if (key === '说明' || key === '备注') {
        out.note = [rest, ...argv.slice(i + 1)].join(' ').trim();
        break;
      }
      const value = rest!.trim() || argv[++i] || '';
      if (key === '单位' || key === '起草单位') out.unitName = value;
      else {
        const kind = parseKind(value);
        if (kind) out.kind = kind;
        else out.kindTyped = value;
      }
      continue;
    }
    if (/^https?:\/\//i.test(word) && !out.link) {
      out.link = word;
      continue;
    }
    const urgency = parseUrgency(word);
    if (urgency) {
      out.urgency = urgency;
      continue;
    }
    const kind = parseKind(word);
    if (kind && !out.kind) {
      out.kind = kind;
      continue;
    }
    title.push(word);
  }
  out.title = title.join(' ');
  // Without a kind word the draft is a 普通文稿 — unless a kind was typed and not understood.
  if (!out.kind && !out.kindTyped) out.kind = 'general';
  return out;
}
