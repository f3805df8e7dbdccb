import { describe, expect, it } from 'vitest';
import { cardText } from '../../../../../test/support/cards.js';
import type { MeetingView } from '../agenda-view.js';
import { presentAgendaCard, presentAgendaNotice, presentArrangeCard, presentGroupReminder } from './agenda-card.js';
import { presentNewMeetingConfirm, presentNewMeetingForm } from './confirm-card.js';
import { presentMeetingDetail, presentMeetingList, presentTopicList } from './query-cards.js';

const line = (position: number, over: Partial<MeetingView['lines'][number]> = {}): MeetingView['lines'][number] => ({
  topicId: `t${position}`,
  version: 1,
  position,
  number: `议〔2026〕${position}号`,
  title: `关于第${position}项工作的议题`,
  unitName: '财政局',
  presenterName: '钱国栋',
  attendUnitNames: [],
  materialNames: [],
  minutes: 20,
  start: 540 + (position - 1) * 20,
  end: 560 + (position - 1) * 20,
  status: 'scheduled',
  statusLabel: '已列入议程',
  outcomeLabel: '',
  postponedCount: 0,
  ...over,
});

const view = (over: Partial<MeetingView> = {}): MeetingView => ({
  id: 'm1',
  version: 3,
  number: '县政府第3次常务会议',
  typeName: '县政府常务会议',
  typeCode: '常务会',
  startsAt: new Date('2026-10-08T09:00:00+08:00'),
  place: '三楼会议室',
  status: 'planned',
  statusLabel: '拟定',
  attendUnitNames: ['司法局', '住建局'],
  fixedUnitNames: ['司法局'],
  presidingName: '张伟',
  lines: [line(1, { title: '关于预算 <at id=all></at> 的议题', attendUnitNames: ['住建局'] }), line(2, { postponedCount: 1 })],
  reminderDate: '',
  hasGroup: true,
  ...over,
});

describe('meetings presenters', () => {
  it('the agenda and its DMs list each topic’s materials by name (files and documents alike)', () => {
    const v = view({ lines: [line(1, { materialNames: ['改造方案.docx', '测算表.xlsx'] }), line(2)] });
    const text = JSON.stringify(presentAgendaNotice(v, { presenting: [], attendingFor: ['司法局'] }, 'publish'));
    expect(text).toContain('材料：改造方案.docx、测算表.xlsx');
    expect(text.match(/材料：/g)).toHaveLength(1);
  });

  it('the new-meeting confirmation: what was understood, the expected number, 确认/修改/放弃; typed text escaped', () => {
    const card = presentNewMeetingConfirm({
      typeId: 'ty1',
      typeName: '县政府常务会议',
      date: '2026-10-08',
      minute: 540,
      whenText: '10月8日（周四）上午9:00',
      place: '三楼<font>会议室</font>',
      notes: ['3点按下午3点'],
      expectedNumber: '县政府第3次常务会议',
    });
    // Escaped where it is shown (the button value carries it as data).
    expect(JSON.stringify(card.body.elements[0])).toContain('三楼&lt;font&gt;会议室');
    expect(JSON.stringify(card.body.elements[0])).not.toContain('<font>');
    expect(card).toMatchSnapshot();
  });

  it('the 修改 form, with a message', () => {
    expect(presentNewMeetingForm({ type: '常务会', when: '2026-10-08 上午9:00', place: '三楼会议室', error: '会议时间已过' })).toMatchSnapshot();
  });

  it("the office's arrange card: agenda with ↑/↓/移出, the pool with 列入议程 or the reason, 发布议程", () => {
    const card = presentArrangeCard(
      view(),
      [
        { topicId: 't9', version: 0, number: '议〔2026〕9号', title: '关于供水合同的议题', unitName: '住建局', minutes: 30, postponedCount: 0 },
        {
          topicId: 't10',
          version: 0,
          number: '议〔2026〕10号',
          title: '关于临时事项的议题',
          unitName: '住建局',
          minutes: 15,
          postponedCount: 0,
          blocker: '主持领导未同意该临时议题列入本次会议，可列入下次会议。',
        },
      ],
      [
        {
          number: '议〔2026〕11号',
          title: '关于管理办法的议题',
          unitName: '司法局',
          reason: '待合法性审查。该议题须经合法性审查，审查通过（或修改后通过）前不得列入议程。',
        },
      ],
      { notice: '已新建县政府第3次常务会议' },
    );
    const text = JSON.stringify(card);
    expect(text).not.toContain('<at id=all>');
    expect(text).toContain('meetings.publish');
    expect(card).toMatchSnapshot();
  });

  it('a published arrange card offers 顺延 and says when the reminder goes', () => {
    const card = presentArrangeCard(view({ status: 'published', statusLabel: '已发布议程', reminderDate: '2026-09-30' }), [], []);
    const text = JSON.stringify(card);
    expect(text).toContain('meetings.postpone');
    expect(text).not.toContain('meetings.publish');
    expect(text).toContain('会前提醒将于9月30日（周三）发送');
  });

  it('the group agenda card: numbered topics, slots, presenters, 列席; cancelled says so', () => {
    expect(presentAgendaCard(view({ status: 'published', statusLabel: '已发布议程' }))).toMatchSnapshot();
    expect(JSON.stringify(presentAgendaCard(view({ status: 'cancelled', statusLabel: '已取消' })))).toContain('本次会议已取消');
  });

  it('the DMs: a presenter of items 1 and 2, a 列席 liaison; the reminders', () => {
    expect(presentAgendaNotice(view(), { presenting: [1, 2], attendingFor: [] }, 'publish')).toMatchSnapshot();
    expect(presentAgendaNotice(view(), { presenting: [], attendingFor: ['司法局'] }, 'remind')).toMatchSnapshot();
    expect(presentGroupReminder(view())).toMatchSnapshot();
  });

  it('the queries: meeting list, topic list, meeting detail with outcomes, 纪要 and 落实情况', () => {
    expect(
      presentMeetingList([
        { number: '县政府第3次常务会议', startsAt: new Date('2026-10-08T09:00:00+08:00'), place: '三楼会议室', statusLabel: '拟定', topics: 2 },
      ]),
    ).toMatchSnapshot();
    expect(
      presentTopicList(
        [
          {
            number: '议〔2026〕1号',
            title: '关于预算的议题',
            unitName: '财政局',
            typeName: '常务会',
            statusLabel: '已列入议程',
            meetingText: '县政府第3次常务会议第1项',
          },
        ],
        { filterText: '财政局', total: 1 },
      ),
    ).toMatchSnapshot();
    const held = view({ status: 'minutes', statusLabel: '纪要办理中', lines: [line(1, { outcomeLabel: '原则通过', status: 'discussed' })] });
    expect(
      presentMeetingDetail(held, { statusLabel: '审核中', number: '', dueDate: '2026-10-13' }, [
        {
          topicNumber: '议〔2026〕1号',
          content: '财政局牵头完善预算方案',
          unitName: '财政局',
          deadline: '2026-10-30',
          supervisionNumber: '督〔2026〕8号',
          stateLabel: '办理中',
        },
        { topicNumber: '议〔2026〕1号', content: '住建局配合', unitName: '住建局', deadline: '', supervisionNumber: '', stateLabel: '' },
      ]),
    ).toMatchSnapshot();
    // 落实情况 counts the items 销号 by their closed flag (the ledger's label is 已办结) and says 全部落实.
    const done = cardText(
      presentMeetingDetail(
        view({ status: 'implemented', statusLabel: '全部落实', lines: [line(1, { outcomeLabel: '通过', status: 'discussed' })] }),
        { statusLabel: '已印发', number: '〔2026〕1号', dueDate: '2026-10-13' },
        [
          {
            topicNumber: '议〔2026〕1号',
            content: '完善预算方案',
            unitName: '财政局',
            deadline: '2026-10-30',
            supervisionNumber: '督〔2026〕8号',
            stateLabel: '已办结',
            closed: true,
          },
          {
            topicNumber: '议〔2026〕1号',
            content: '住建局配合',
            unitName: '住建局',
            deadline: '2026-10-30',
            supervisionNumber: '督〔2026〕9号',
            stateLabel: '已办结',
            closed: true,
          },
        ],
        { allImplemented: true },
      ),
    );
    expect(done).toContain('**落实情况**（2/2项已销号）：**议定事项已全部落实**');
    expect(done).toContain('督〔2026〕8号　【已办结】');
  });
});
