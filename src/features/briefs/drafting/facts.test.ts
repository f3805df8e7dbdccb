import { describe, expect, it } from 'vitest';
import type { DraftNote } from '../../../ports/drafter.js';
import { checkDraftFacts, checkFacts, extractFacts } from './facts.js';

const note = (id: string, text: string): DraftNote => ({ id, unit: '县应急管理局', text, sensitive: false });
const source = note(
  'N1',
  '11月28日下午3时许，县应急管理局接到城关镇东关村群众报告，村内一处民房发生火灾，造成1人轻伤，已送县人民医院救治。王副县长带领县消防救援大队赶赴现场，转移群众23人，直接经济损失约12万元。',
);
const status = (draft: string, notes: DraftNote[] = [source]) => Object.fromEntries(checkFacts(extractFacts(draft), notes).map((f) => [f.text, f.status]));

describe('fact extraction', () => {
  it('finds numbers, dates, times, places, people, organisations and effects, trimmed of the words around them', () => {
    const facts = extractFacts(source.text);
    const of = (type: string) => facts.filter((f) => f.type === type).map((f) => f.text);
    expect(of('date')).toEqual(['11月28日']);
    expect(of('time')).toEqual(['下午3时许']);
    expect(of('number')).toEqual(expect.arrayContaining(['1人', '23人', '约12万元']));
    expect(of('person')).toEqual(['王副县长']);
    expect(of('organisation')).toEqual(['县应急管理局', '县人民医院', '县消防救援大队']);
    expect(of('place')).toEqual(['城关镇', '东关村']);
    expect(of('effect')).toEqual(['1人轻伤', '直接经济损失约12万元']);
  });

  it('does not cut an organisation out of a word: 城关镇部署 is a place and a verb, not 「城关镇部」', () => {
    const of = (text: string) =>
      extractFacts(text)
        .filter((f) => f.type === 'organisation' || f.type === 'place')
        .map((f) => `${f.type}:${f.text}`);
    expect(of('城关镇部署开展冬季安全生产大检查。')).toEqual(['place:城关镇']);
    expect(of('青石镇研究部署防汛工作，全部乡镇干部参加。')).toEqual(['place:青石镇']);
    expect(of('柳河镇办理群众诉求56件，企业开办一次办，每一所学校配备保安。')).toEqual(['place:柳河镇']);
    // The names those words end in are still read, titles after them left off.
    expect(of('县委宣传部、县委组织部、县扶贫办、城关派出所联合开展活动，县水利局局长出席。')).toEqual([
      'organisation:县委宣传部',
      'organisation:县委组织部',
      'organisation:县扶贫办',
      'organisation:城关派出所',
      'organisation:县水利局',
    ]);
  });

  it('does not take "one" used as prose (一起、一次) for a figure, nor count a date again as numbers', () => {
    const facts = extractFacts('12月1日，柳河镇一起开展排查，一次性解决。');
    expect(facts.filter((f) => f.type === 'number')).toEqual([]);
  });

  it('takes counted units whole: 12台次, 67批次, 30辆次', () => {
    const facts = extractFacts('出动机械12台次，接待来访67批次，调度车辆30辆次。');
    expect(facts.filter((f) => f.type === 'number').map((f) => f.text)).toEqual(['12台次', '67批次', '30辆次']);
  });

  it('does not read 部署 or 部分 as a name ending in 部 (an editor’s title 「城关镇部署…」 invents nothing)', () => {
    const facts = extractFacts('城关镇部署秋冬季安全生产工作，召开安全生产工作部署会，部分村组开展排查。');
    expect(facts.filter((f) => f.type === 'organisation')).toEqual([]);
  });
});

describe('fact check against the source notes', () => {
  it('marks an invented figure 来源中未找到 and quotes the source sentence for the ones it finds', () => {
    const checked = checkFacts(extractFacts('东关村火灾转移群众230人，直接经济损失约12万元。'), [source]);
    expect(checked.find((f) => f.text === '230人')).toMatchObject({ status: 'not_found' });
    expect(checked.find((f) => f.text === '约12万元')).toMatchObject({
      status: 'found',
      source: { noteId: 'N1', sentence: '王副县长带领县消防救援大队赶赴现场，转移群众23人，直接经济损失约12万元。' },
    });
  });

  it('compares figures by value: 1.2万 is 12000, 1,200 is 1200, 三百 is 300; a different unit does not match', () => {
    const notes = [note('N', '全县接待游客12000人次，发放资料1,200份，组织志愿者三百人，修复道路5公里。')];
    expect(status('接待游客1.2万人次，发放资料1200份，志愿者300人，修复道路5吨。', notes)).toMatchObject({
      '1.2万人次': 'found',
      '1200份': 'found',
      '300人': 'found',
      '5吨': 'not_found',
    });
  });

  it('compares dates and times by value: 下午3时 is 15时; a changed day or hour is caught', () => {
    expect(status('11月28日15时许起火。')).toMatchObject({ '11月28日': 'found', '15时许': 'found' });
    expect(status('11月27日下午4时起火。')).toMatchObject({ '11月27日': 'not_found', 下午4时: 'not_found' });
  });

  it('an effect needs its word and its figure in the same sentence (1人轻伤 is not 2人受伤)', () => {
    expect(status('造成2人受伤。')['2人受伤']).toBe('not_found');
    expect(status('造成1人轻伤。')['1人轻伤']).toBe('found');
  });

  it('a person, place or organisation not in the source is caught', () => {
    expect(status('李县长带领县公安局赶赴青石镇。')).toMatchObject({ 李县长: 'not_found', 县公安局: 'not_found', 青石镇: 'not_found' });
  });

  it('also checks the facts the drafter listed, and says which ones it listed', () => {
    const checked = checkDraftFacts({ title: '东关村发生民房火灾', body: '火势已得到控制。', facts: ['转移群众23人', '受灾群众50户'] }, [source]);
    expect(checked.filter((f) => f.claimedByDrafter).map((f) => [f.text, f.status])).toEqual([
      ['23人', 'found'],
      ['50户', 'not_found'],
    ]);
  });
});
