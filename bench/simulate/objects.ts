import { objectType } from '../../src/platform/objects.js';
import type { SimOffice } from './office.js';
import type { Check } from './checks.js';

/** One object of the month as its feature stores it: its id, the number people quote, its state now. */
interface SimObject {
  type: string;
  id: string;
  number: string;
  status: string;
}

/** Every object of the five jobs, read from their tables (the checks compare cards and audit against these). */
export async function monthObjects(office: SimOffice): Promise<SimObject[]> {
  const p = office.app.db.prisma;
  const rows = (type: string, list: { id: string; number?: string | null; status?: string; state?: string }[]): SimObject[] =>
    list.map((r) => ({ type, id: r.id, number: r.number ?? r.id, status: r.status ?? r.state ?? '' }));
  return [
    ...rows('supervision_item', await p.supervisionItem.findMany({ select: { id: true, number: true, status: true } })),
    ...rows('review_draft', await p.reviewDraft.findMany({ select: { id: true, number: true, status: true } })),
    ...rows('topic', await p.topic.findMany({ select: { id: true, number: true, status: true } })),
    ...rows('meeting', await p.meeting.findMany({ select: { id: true, number: true, status: true } })),
    ...rows('schedule_entry', await p.scheduleEntry.findMany({ select: { id: true, status: true } })),
    ...rows('info_note', await p.infoNote.findMany({ select: { id: true, number: true, state: true } })),
    ...rows('info_item', await p.infoItem.findMany({ select: { id: true, state: true } })),
    ...rows('info_issue', await p.infoIssue.findMany({ select: { id: true, number: true, state: true } })),
  ];
}

/**
 * Every tracked card (CardRef: a card the bot keeps in step with an object) shows its object's final
 * state: the last content Lark holds for that message (sent, then patched) names the object's current
 * status in the words its feature declares for it (the object registry's status labels).
 */
export async function checkCardsFinal(office: SimOffice, objects: SimObject[]): Promise<Check> {
  const refs = await office.app.db.prisma.cardRef.findMany();
  const byKey = new Map(objects.flatMap((o) => [[`${o.type}|${o.id}`, o] as const, [`${o.type}|${o.number}`, o] as const]));
  const wrong: string[] = [];
  let checked = 0;
  let unlabelled = 0;
  let urgentAlerts = 0;
  for (const ref of refs) {
    // The 急情要事 alert cards (editor:/leader:/reporter: views of a note) follow the urgent handling
    // (报送、呈送、续报), not the note's 报送/采用 state: not compared against the state's words.
    if (ref.objectType === 'info_note' && /^(editor|leader|reporter):/.test(ref.view)) {
      urgentAlerts++;
      continue;
    }
    const obj = byKey.get(`${ref.objectType}|${ref.objectId}`);
    const label = obj && objectType(ref.objectType)?.statuses?.[obj.status];
    const message = office.fake.messages.get(ref.messageId);
    if (!obj || !label || !message) {
      unlabelled++;
      continue;
    }
    checked++;
    if (!message.content.includes(label)) wrong.push(`${obj.number}（${ref.view}，应为「${label}」）`);
  }
  return {
    name: '每张跟踪卡片显示对象的最终状态',
    ok: wrong.length === 0 && checked > 0,
    detail: `${checked} 张卡片核对一致 ${checked - wrong.length}${unlabelled ? `，${unlabelled} 张所属对象无状态文字未核对` : ''}${urgentAlerts ? `，${urgentAlerts} 张急情要事提醒卡（显示处置进程）未按报送状态核对` : ''}${wrong.length ? `；不一致：${wrong.slice(0, 6).join('、')}` : ''}`,
  };
}

function stateOf(json: string): string | undefined {
  try {
    const after = json ? (JSON.parse(json) as Record<string, unknown>) : {};
    if ('step' in after) return undefined;
    return typeof after.status === 'string' ? after.status : typeof after.state === 'string' ? after.state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The audit is complete for every object: each has audit entries; every timeline entry (the events a
 * feature shows as an object's history) has its audit entry at the same instant by the same actor; and
 * where the audit records states, the latest recorded state is the object's state now — no transition
 * went unrecorded.
 */
export async function checkAudit(office: SimOffice, objects: SimObject[]): Promise<Check & { perType: Map<string, number> }> {
  const p = office.app.db.prisma;
  const audit = await p.auditEntry.findMany({ orderBy: { at: 'asc' } });
  const byObject = new Map<string, typeof audit>();
  for (const a of audit) {
    const key = `${a.objectType}|${a.objectId}`;
    byObject.set(key, [...(byObject.get(key) ?? []), a]);
  }
  const perType = new Map<string, number>();
  const problems: string[] = [];
  const entriesOf = (o: SimObject) => byObject.get(`${o.type}|${o.number}`) ?? byObject.get(`${o.type}|${o.id}`) ?? [];
  for (const o of objects) {
    const entries = entriesOf(o);
    perType.set(o.type, (perType.get(o.type) ?? 0) + entries.length);
    if (!entries.length) {
      problems.push(`${o.number} 无审计记录`);
      continue;
    }
    // The latest entry, where it records the object's state (a review step's snapshot names its `step`), is the state now.
    const last = stateOf(entries.at(-1)!.after);
    if (last && last !== o.status) problems.push(`${o.number} 审计末条状态 ${last} ≠ 现状态 ${o.status}`);
  }
  // Timeline entries → audit entries (same object, instant and actor).
  const byId = new Map(objects.map((o) => [`${o.type}|${o.id}`, o]));
  const timelines: { type: string; rows: { objectId: string; at: Date; actor: string; kind: string }[] }[] = [
    { type: 'supervision_item', rows: (await p.supervisionEvent.findMany()).map((e) => ({ objectId: e.itemId, at: e.at, actor: e.actor, kind: e.kind })) },
    { type: 'review_draft', rows: (await p.reviewEvent.findMany()).map((e) => ({ objectId: e.draftId, at: e.at, actor: e.actor, kind: e.kind })) },
    { type: 'topic', rows: (await p.topicEvent.findMany()).map((e) => ({ objectId: e.topicId, at: e.at, actor: e.actor, kind: e.kind })) },
    { type: 'meeting', rows: (await p.meetingEvent.findMany()).map((e) => ({ objectId: e.meetingId, at: e.at, actor: e.actor, kind: e.kind })) },
  ];
  let events = 0;
  for (const t of timelines) {
    for (const e of t.rows) {
      const o = byId.get(`${t.type}|${e.objectId}`);
      if (!o) continue;
      events++;
      const has = entriesOf(o).some((a) => a.at.getTime() === e.at.getTime() && a.actor === e.actor);
      if (!has) problems.push(`${o.number} 的「${e.kind}」无对应审计记录`);
    }
  }
  return {
    name: '每个对象的审计完整（每次流转都有审计记录）',
    ok: problems.length === 0,
    detail: `${objects.length} 个对象、${audit.length} 条审计记录、${events} 条时间线记录逐条对应${problems.length ? `；问题 ${problems.length} 处：${problems.slice(0, 6).join('；')}` : ''}`,
    perType,
  };
}
