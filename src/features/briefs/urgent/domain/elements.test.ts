import { describe, expect, it } from 'vitest';
import { checkElements, checkThread, DEFAULT_URGENT_KEYWORDS, missingElements, suspectUrgent } from './elements.js';
import { parseEventTime } from './event-time.js';

const FULL = '今天下午4时许，城关镇东关村一民房发生火灾，造成1人受伤，初步判断系电线老化引起。县消防救援大队已第一时间赶赴现场处置，伤者已送医救治。';

describe('six-element check', () => {
  it('finds all six in a complete first report, with the words it read', () => {
    const s = checkElements(FULL);
    expect(missingElements(s)).toEqual([]);
    expect(s.时间).toEqual({ present: true, text: '今天下午4时许' });
    expect(s.地点!.text).toContain('城关镇');
    expect(s.事件类型!.text).toBe('火灾');
    expect(s.影响范围!.text).toContain('1人受伤');
    expect(s.初步原因!.text).toContain('初步判断');
    expect(s.已采取措施!.text).toContain('第一时间赶赴');
  });

  it('names what a short report lacks, in the order they are asked for', () => {
    const s = checkElements('今天16时，城关镇东关村一民房发生火灾，县消防救援大队已赶赴现场处置。');
    expect(missingElements(s)).toEqual(['影响范围', '初步原因']);
  });

  it('a report with none of them misses all six', () => {
    expect(missingElements(checkElements('情况紧急，请领导关注。'))).toEqual(['时间', '地点', '事件类型', '影响范围', '初步原因', '已采取措施']);
  });

  it('无人员伤亡 counts as the scope; a 续报 fills what the first report lacked', () => {
    const first = '今天16时，城关镇东关村一民房发生火灾，县消防救援大队已赶赴现场处置。';
    const follow = '经核实，此次火灾无人员伤亡，起火原因系电动车违规充电。';
    expect(missingElements(checkThread([first]))).toEqual(['影响范围', '初步原因']);
    expect(missingElements(checkThread([first, follow]))).toEqual([]);
  });

  it('is pure: the same text gives the same answer', () => {
    expect(checkElements(FULL)).toEqual(checkElements(FULL));
  });
});

describe('keyword suspicion', () => {
  it('suspects a note that reports a fire or a death', () => {
    expect(suspectUrgent('今天上午，某村发生山体滑坡，造成1人死亡。', DEFAULT_URGENT_KEYWORDS)).toEqual(['死亡', '滑坡']);
    expect(suspectUrgent('城关镇一仓库起火', ['火灾', '起火'])).toEqual(['起火']);
  });

  it('does not suspect negations, drills or ordinary work', () => {
    expect(suspectUrgent('此次检查未发现火灾隐患，无人员伤亡。', DEFAULT_URGENT_KEYWORDS)).toEqual([]);
    expect(suspectUrgent('县应急管理局组织开展火灾应急演练。', DEFAULT_URGENT_KEYWORDS)).toEqual([]);
    expect(suspectUrgent('今天上午，县政府召开常务会议，研究部署冬季安全生产工作。', DEFAULT_URGENT_KEYWORDS)).toEqual([]);
  });

  it('uses the office list as given, ignoring width and case', () => {
    expect(suspectUrgent('发生ＬＮＧ泄漏', ['lng泄漏'])).toEqual(['lng泄漏']);
    expect(suspectUrgent('发生火灾', [])).toEqual([]);
  });
});

describe('event time', () => {
  const reported = new Date('2026-12-01T16:20:00+08:00');
  it('reads the time of day on the day of the report', () => {
    expect(parseEventTime('今天下午4时许，城关镇……', reported)).toEqual(new Date('2026-12-01T16:00:00+08:00'));
    expect(parseEventTime('16:05，某地发生火灾', reported)).toEqual(new Date('2026-12-01T16:05:00+08:00'));
    expect(parseEventTime('下午三点半发生', reported)).toEqual(new Date('2026-12-01T15:30:00+08:00'));
  });
  it('yesterday, a named date, and a night hour later than the report', () => {
    expect(parseEventTime('昨晚11点，某地发生', reported)).toEqual(new Date('2026-11-30T23:00:00+08:00'));
    expect(parseEventTime('11月30日8时20分，某地发生', reported)).toEqual(new Date('2026-11-30T08:20:00+08:00'));
    expect(parseEventTime('23时，某地发生', new Date('2026-12-02T08:00:00+08:00'))).toEqual(new Date('2026-12-01T23:00:00+08:00'));
  });
  it('none named: undefined (the clock runs from the report)', () => {
    expect(parseEventTime('某地发生火灾', reported)).toBeUndefined();
  });
});
