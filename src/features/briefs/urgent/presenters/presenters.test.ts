import { describe, expect, it } from 'vitest';
import { validateCard } from '../../../../local/lark/card-validator.js';
import { urgentClock } from '../domain/clock.js';
import { checkThread } from '../domain/elements.js';
import { presentAlert, type UrgentFacts } from './alert-card.js';
import { escalationText, noLeaderText, reminderText } from './clock-texts.js';
import { presentReporterStatus, presentSuspicion, presentSuspicionAnswered } from './reporter-cards.js';
import { runningText } from './running.js';

const at = (s: string) => new Date(`${s}+08:00`);
const body = '今天16时，城关镇东关村一民房发生火灾，县消防救援大队已赶赴现场处置。';

const facts = (over: Partial<UrgentFacts> = {}): UrgentFacts => ({
  noteId: 'n1',
  number: '信〔2026〕1号',
  unitName: '城关镇',
  reporterName: '周联络员',
  reportedAt: at('2026-12-01T16:05:00'),
  body,
  elements: checkThread([body]),
  clock: urgentClock(at('2026-12-01T16:00:00'), at('2026-12-01T16:05:00')),
  eventNamed: true,
  followUps: [],
  ...over,
});

describe('急情要事 cards', () => {
  it('the editor’s alert: six elements, the clock, 已报送领导 carrying only the note id', () => {
    const c = presentAlert(facts(), 'editor');
    expect(validateCard(JSON.stringify(c))).toEqual([]);
    expect(c).toMatchSnapshot();
  });

  it('the duty leader’s alert has no button; a sent matter shows who sent it and no button', () => {
    expect(presentAlert(facts(), 'leader')).toMatchSnapshot();
    const sent = presentAlert(facts({ sent: { at: at('2026-12-01T17:10:00'), byName: '吴编辑' } }), 'editor');
    expect(JSON.stringify(sent)).toContain('已报送领导（吴编辑，17:10）');
    expect(JSON.stringify(sent)).not.toContain('brf.urg.sent');
  });

  it('续报 listed in order under the first report; the user text is neutralised', () => {
    const c = presentAlert(
      facts({
        body: '今天16时<at id=all></at>发生[火灾](http://x)',
        followUps: [
          { number: '信〔2026〕2号', reportedAt: at('2026-12-01T16:40:00'), body: '经核实，无人员伤亡。' },
          { number: '信〔2026〕3号', reportedAt: at('2026-12-01T17:05:00'), body: '火势已扑灭。' },
        ],
        eventNamed: false,
      }),
      'editor',
    );
    expect(validateCard(JSON.stringify(c))).toEqual([]);
    expect(JSON.stringify(c)).not.toContain('<at');
    expect(c).toMatchSnapshot();
  });

  it('the reporter’s cards: missing elements asked by name; complete; the one-click question and its answers', () => {
    expect(presentReporterStatus({ number: '信〔2026〕1号', missing: ['影响范围', '初步原因'], followUps: 0 })).toMatchSnapshot();
    expect(presentReporterStatus({ number: '信〔2026〕1号', missing: [], followUps: 2 })).toMatchSnapshot();
    const q = presentSuspicion({ noteId: 'n9', number: '信〔2026〕9号', body: '今天上午某村发生山体滑坡，造成1人死亡。', keywords: ['死亡', '滑坡'] });
    expect(validateCard(JSON.stringify(q))).toEqual([]);
    expect(q).toMatchSnapshot();
    expect(presentSuspicionAnswered({ number: '信〔2026〕9号', confirmed: true })).toMatchSnapshot();
    expect(presentSuspicionAnswered({ number: '信〔2026〕9号', confirmed: false })).toMatchSnapshot();
  });

  it('the reminder, the escalation and the list of running clocks', () => {
    const f = { number: '信〔2026〕1号', unitName: '城关镇', body, startAt: at('2026-12-01T16:00:00') };
    expect(reminderText({ ...f, escalateAt: at('2026-12-01T19:00:00') })).toMatchSnapshot();
    expect(escalationText({ ...f, editors: [{ id: 'p1', name: '吴编辑', openId: 'ou_1' }] })).toMatchSnapshot();
    const note = { number: '信〔2026〕1号', unitId: 'u1', body, eventAt: at('2026-12-01T16:00:00'), reportedAt: at('2026-12-01T16:05:00') };
    expect(runningText([note as never], new Map([['u1', '城关镇']]), at('2026-12-01T18:30:00'))).toMatchSnapshot();
    expect(runningText([], new Map(), at('2026-12-01T18:30:00'))).toBe('目前没有尚未报送领导的急情要事。');
  });

  it('no leader reached: said plainly, the user’s text neutralised', () => {
    const text = noLeaderText({ number: '信〔2026〕2号', body: '今天10时<at user_id="all"></at>西街发生交通事故' });
    expect(text).toContain('【急情要事未送达领导】信〔2026〕2号');
    expect(text).toContain('未送达任何领导');
    expect(text).not.toContain('<at');
  });

  it('the alert lists what replies added, escaped', () => {
    const c = presentAlert(facts({ replies: [{ at: at('2026-12-01T16:20:00'), byName: '周联络员', text: '经核实，无人员伤亡。<at id=all></at>' }] }), 'editor');
    expect(validateCard(JSON.stringify(c))).toEqual([]);
    const text = JSON.stringify(c);
    expect(text).toContain('回复补充**（1条）');
    expect(text).toContain('周联络员　16:20');
    expect(text).not.toContain('<at');
  });
});
