import { describe, expect, it } from 'vitest';
import type { NoteRow } from '../../repositories/notes.js';
import { editedText, myNotesText, reportedText, withdrawnText, zeroText } from './receipts.js';

const note = (o: Partial<NoteRow> = {}): NoteRow => ({
  id: 'n1',
  year: 2026,
  seq: 7,
  number: '信〔2026〕7号',
  unitId: 'u1',
  reporterId: 'p1',
  reporterOpenId: 'ou_1',
  reporterName: '王联络员',
  date: '2026-12-01',
  reportedAt: new Date('2026-12-01T01:10:00Z'),
  body: '今天上午，城关镇召开秋冬季安全生产工作部署会，排查隐患12处，已整改9处，其余3处限期整改。',
  attachments: '[]',
  declaredKind: '',
  internal: false,
  secret: false,
  sensitive: false,
  sensitiveWords: '[]',
  source: 'dm',
  chatId: '',
  messageId: '',
  urgent: false,
  urgentSuspected: false,
  urgentConfirmedAt: null,
  eventAt: null,
  elements: '{}',
  elementsAskedAt: null,
  urgentSentAt: null,
  sentToLeadersAt: null,
  sentToLeadersBy: '',
  remindedAt: null,
  escalatedAt: null,
  parentNoteId: null,
  state: 'reported',
  returnQuestion: '',
  returnedBy: '',
  editedAt: null,
  withdrawnAt: null,
  usedAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: 0,
  ...o,
});

describe('note receipts', () => {
  it('a plain note: number, unit, time and what can still be done', () => {
    expect(reportedText(note(), '城关镇', { working: true })).toMatchSnapshot();
  });

  it('marks, sensitive words, 迟报, and a day off', () => {
    const text = reportedText(note({ declaredKind: '工作动态', internal: true, secret: true, urgent: true, sensitiveWords: '["机密","内部资料"]' }), '城关镇', {
      working: false,
      late: true,
    });
    expect(text).toMatchSnapshot();
    expect(text).toContain('类别：工作动态；标记：内部、涉密、急情要事。');
    expect(text).toContain('含敏感词「机密」「内部资料」');
    expect(text).toContain('不会交由大模型处理');
  });

  it('edit, withdraw, 零报告 and the reporter’s list', () => {
    expect(editedText(note({ editedAt: new Date('2026-12-01T02:00:00Z') }))).toBe('已修改：信〔2026〕7号（12月1日 10:00）。');
    expect(withdrawnText(note(), true)).toContain('当前为「未报送」');
    expect(withdrawnText(note(), false)).toBe('已撤回：信〔2026〕7号。');
    expect(zeroText('recorded', '县卫生健康局', new Date('2026-12-01T01:00:00Z'), '2026-12-01', false)).toMatchSnapshot();
    expect(zeroText('already', '县卫生健康局', new Date('2026-12-01T01:00:00Z'), '2026-12-01', false)).toBe(
      '县卫生健康局今日已零报告（12月1日 09:00），无需重复报送。',
    );
    expect(myNotesText([note(), note({ number: '信〔2026〕8号', state: 'used', body: '短讯' })])).toMatchSnapshot();
    expect(myNotesText([])).toContain('您还没有报送过信息');
  });
});
