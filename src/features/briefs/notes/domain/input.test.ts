import { describe, expect, it } from 'vitest';
import { DEFAULT_KINDS } from '../../domain/kinds.js';
import { checkBody, matchSensitive, parseNoteText } from './input.js';

describe('parseNoteText', () => {
  it('keeps plain text as the body, with no marks', () => {
    expect(parseNoteText('  今天上午县防汛演练举行。 ', DEFAULT_KINDS)).toEqual({
      body: '今天上午县防汛演练举行。',
      declaredKind: '',
      internal: false,
      secret: false,
      urgent: false,
    });
  });

  it('reads bracketed and spaced marks in any order, and a kind', () => {
    const n = parseNoteText('【涉密】内部 【工作动态】全县秋粮收购进度过半。', DEFAULT_KINDS);
    expect(n).toMatchObject({ body: '全县秋粮收购进度过半。', declaredKind: '工作动态', internal: true, secret: true, urgent: false });
    expect(parseNoteText('急 城关镇一民房发生火灾', DEFAULT_KINDS)).toMatchObject({ urgent: true, body: '城关镇一民房发生火灾' });
    expect(parseNoteText('【急情要事】城关镇一民房发生火灾', DEFAULT_KINDS)).toMatchObject({ urgent: true, declaredKind: '急情要事' });
  });

  it('does not take the start of a word for a mark', () => {
    expect(parseNoteText('急救中心新增救护车3辆。', DEFAULT_KINDS)).toMatchObject({ urgent: false, body: '急救中心新增救护车3辆。' });
    expect(parseNoteText('内部审计发现问题5项。', DEFAULT_KINDS)).toMatchObject({ internal: false, body: '内部审计发现问题5项。' });
  });
});

describe('checkBody', () => {
  it('refuses an empty note, pointing to 零报告', () => {
    expect(() => checkBody('', 100)).toThrow(/请写明信息正文.*信息 零报告/);
  });
  it('refuses an over-long note with its length', () => {
    expect(() => checkBody('字'.repeat(101), 100)).toThrow('信息正文共101字，超过100字的上限');
    expect(() => checkBody('字'.repeat(100), 100)).not.toThrow();
  });
});

describe('matchSensitive', () => {
  it('finds listed words, each once, folding width', () => {
    expect(matchSensitive('本文件为内部资料，含机密内容；机密', ['机密', '内部资料', '绝密'])).toEqual(['机密', '内部资料']);
    expect(matchSensitive('ＡＢＣ项目', ['abc'])).toEqual(['abc']);
    expect(matchSensitive('普通动态', ['机密'])).toEqual([]);
  });
});
