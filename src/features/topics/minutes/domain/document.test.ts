import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { minutesDocument, minutesFileName, type MinutesContent } from './document.js';
import { stampMinutesNumber } from './stamp.js';

const content: MinutesContent = {
  title: '县政府常务会议纪要',
  number: '〔2026〕5号',
  meetingNumber: '县政府第3次常务会议',
  heldOn: '2026-12-02',
  presidingTitle: '县长',
  presidingName: '张明',
  topics: [
    {
      title: '关于城区供水管网改造的议题',
      unitName: '县住建局',
      outcome: 'passed',
      outcomeNote: '',
      decisions: [
        { content: '年底前完成主管网改造。', unitName: '县住建局', leaderName: '李强', deadline: '2026-12-31' },
        { content: '做好群众解释工作', unitName: '县住建局', leaderName: '', deadline: '' },
      ],
    },
    { title: '县级财政预算调整方案', unitName: '县财政局', outcome: 'deferred', outcomeNote: '待进一步论证', decisions: [] },
  ],
  attendees: ['张明', '李强'],
  absent: [],
  attendUnits: ['司法局', '县财政局'],
  date: '2026-12-04',
};

describe('the 纪要 document', () => {
  it('opens with the day, the presiding leader and the meeting; one 关于… section per topic ending 会议议定; the three lines', () => {
    const doc = minutesDocument(content);
    expect(doc).toMatchObject({ title: '县政府常务会议纪要', docNumber: '〔2026〕5号', date: '2026-12-04' });
    expect(doc.blocks).toEqual([
      { text: '12月2日，县长张明主持召开县政府第3次常务会议，研究了关于城区供水管网改造、关于县级财政预算调整方案等2项议题。现纪要如下：' },
      { level: 1, text: '关于城区供水管网改造的议题' },
      {
        text:
          '会议听取了县住建局关于城区供水管网改造的议题的汇报。会议议定：会议审议通过该事项。' +
          '1. 年底前完成主管网改造（由县住建局负责落实，李强同志牵头，12月31日前完成）。2. 做好群众解释工作（由县住建局负责落实）。',
      },
      { level: 1, text: '关于县级财政预算调整方案' },
      { text: '会议听取了县财政局关于县级财政预算调整方案的汇报。会议议定：会议决定该事项暂缓研究。待进一步论证。' },
      { lead: '出席：', text: '张明、李强' },
      { lead: '请假：', text: '无' },
      { lead: '列席：', text: '司法局、县财政局' },
    ]);
  });

  it('the draft under review has a blank for its number; the file is named for the meeting', () => {
    const { number: _n, ...draft } = content;
    expect(minutesDocument(draft).docNumber).toBe('〔2026〕　　号');
    expect(minutesFileName(draft)).toBe('县政府第3次常务会议纪要（送审稿）.docx');
    expect(minutesFileName(content)).toBe('县政府第3次常务会议纪要（〔2026〕5号）.docx');
  });

  it('a reviewed final file gets its number where the blank is; a file without the blank is left as it is', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:p><w:r><w:t>〔2026〕 号</w:t></w:r></w:p><w:p><w:r><w:t>会议议定（修改稿）</w:t></w:r></w:p>');
    const stamped = await stampMinutesNumber(await zip.generateAsync({ type: 'uint8array' }), '〔2026〕5号');
    expect(stamped.stamped).toBe(true);
    const xml = await (await JSZip.loadAsync(stamped.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toBe('<w:p><w:r><w:t>〔2026〕5号</w:t></w:r></w:p><w:p><w:r><w:t>会议议定（修改稿）</w:t></w:r></w:p>');
    const bare = new JSZip();
    bare.file('word/document.xml', '<w:p><w:r><w:t>会议议定</w:t></w:r></w:p>');
    expect((await stampMinutesNumber(await bare.generateAsync({ type: 'uint8array' }), '〔2026〕5号')).stamped).toBe(false);
  });
});
