import { isWithinWorkingHours } from '../../../platform/calendar/working-hours.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../index.js';
import { chatsForPurpose } from '../../org/index.js';
import { DEFAULT_LADDER, progressDue, rungToSend, type LadderConfig } from '../domain/chase-ladder.js';
import type { DigestLine } from '../presenters/digest.js';
import { presentGroupEscalation, presentPersonDigest } from '../presenters/digest.js';

const PAGE = 500;

interface Person {
  name: string;
  openId: string | null;
}

export interface ChaseResult {
  scanned: number;
  people: number;
  groupLines: number;
  advanced: number;
}

/**
 * The daily chase (a working-days job): pages through the open items that can need a reminder today —
 * due within the ladder's horizon, unsigned, or due a progress report — never the whole ledger. Each
 * person gets one digest card; escalations go to the 督查 group(s) as one card. The ladder step each item
 * reached is saved in the same transaction that queues the messages.
 */
export async function runChase(deps: FeatureDeps, firedAt: Date, ladder: LadderConfig = DEFAULT_LADDER): Promise<ChaseResult> {
  const calendar = deps.calendar.current();
  const today = beijingDate(firedAt);
  const result: ChaseResult = { scanned: 0, people: 0, groupLines: 0, advanced: 0 };
  if (!calendar.isWorkingDay(today) || !isWithinWorkingHours(calendar, firedAt, deps.calendar.workingHours)) return result;

  const horizon = calendar.addWorkingDays(today, Math.max(...ladder.before, 0));
  const digests = new Map<string, { name: string; lines: DigestLine[] }>();
  const groupLines: DigestLine[] = [];
  const advance = new Map<number, string[]>();
  const events: { itemId: string; kind: string; text: string }[] = [];
  const people = new Map<string, Person>();
  const liaisonsByUnit = new Map<string, Person[]>();
  const unitNames = new Map<string, string>();

  const add = (openId: string | null, name: string, line: DigestLine) => {
    if (!openId) return;
    const d = digests.get(openId) ?? { name, lines: [] };
    d.lines.push(line);
    digests.set(openId, d);
  };

  let cursor: string | undefined;
  for (;;) {
    const page = await deps.prisma.supervisionItem.findMany({
      where: {
        status: { in: ['pending_ack', 'in_progress', 'returned'] },
        OR: [{ deadline: { lte: horizon } }, { status: 'pending_ack' }, { progressCycle: { not: 'none' } }],
      },
      select: { id: true, number: true, content: true, deadline: true, status: true, unitId: true, personId: true, leaderId: true, chaseStep: true, progressCycle: true, lastProgressAt: true, createdAt: true },
      orderBy: { id: 'asc' },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (!page.length) break;
    cursor = page.at(-1)!.id;
    result.scanned += page.length;
    await loadNames(deps, page, people, liaisonsByUnit, unitNames);

    for (const item of page) {
      const person = item.personId ? people.get(item.personId) : undefined;
      const leader = item.leaderId ? people.get(item.leaderId) : undefined;
      const assignees: Person[] = person?.openId ? [person] : (liaisonsByUnit.get(item.unitId) ?? []);
      const base = {
        number: item.number,
        content: item.content,
        deadline: item.deadline,
        unitName: unitNames.get(item.unitId) ?? '',
        ...(person ? { personName: person.name, ...(person.openId ? { personOpenId: person.openId } : {}) } : {}),
        ...(leader ? { leaderName: leader.name, ...(leader.openId ? { leaderOpenId: leader.openId } : {}) } : {}),
      };
      const rung = rungToSend(item, today, calendar, ladder);
      if (rung) {
        const line = { ...base, reason: rung.label };
        for (const a of assignees) add(a.openId, a.name, line);
        if (rung.audience.includes('leader') && leader) add(leader.openId, leader.name, line);
        if (rung.audience.includes('group')) groupLines.push(line);
        advance.set(rung.rank, [...(advance.get(rung.rank) ?? []), item.id]);
        events.push({ itemId: item.id, kind: rung.audience.includes('group') ? 'escalated' : 'reminded', text: rung.label });
      }
      if (item.status === 'pending_ack' && beijingDate(item.createdAt) < today && !rung) {
        for (const a of assignees) add(a.openId, a.name, { ...base, reason: '尚未签收' });
      }
      const lastProgress = item.lastProgressAt ? beijingDate(item.lastProgressAt) : null;
      if (item.status !== 'pending_ack' && progressDue({ progressCycle: item.progressCycle, lastProgressAt: lastProgress, createdOn: beijingDate(item.createdAt) }, today, calendar)) {
        for (const a of assignees) add(a.openId, a.name, { ...base, reason: item.progressCycle === 'weekly' ? '请报送本周进展' : '请报送本月进展' });
      }
    }
  }

  const groups = groupLines.length ? await chatsForPurpose(deps.prisma, 'supervision') : [];
  await deps.prisma.$transaction(
    async (tx) => {
      for (const [rank, ids] of advance) {
        for (let i = 0; i < ids.length; i += 500) {
          const { count } = await tx.supervisionItem.updateMany({ where: { id: { in: ids.slice(i, i + 500) }, chaseStep: { lt: rank } }, data: { chaseStep: rank } });
          result.advanced += count;
        }
      }
      if (events.length) await tx.supervisionEvent.createMany({ data: events.map((e) => ({ ...e, at: firedAt, actor: 'system:supervision.chase' })) });
      for (const [openId, d] of digests) {
        await enqueue(tx, { to: { openId }, content: { type: 'card', card: presentPersonDigest(d.name, today, d.lines) }, key: `chase:${today}:${openId}`, origin: 'job:supervision.chase' });
      }
      for (const chatId of groups) {
        await enqueue(tx, { to: { chatId }, content: { type: 'card', card: presentGroupEscalation(today, groupLines) }, key: `chase-group:${today}:${chatId}`, origin: 'job:supervision.chase' });
      }
    },
    { timeout: 120_000 },
  );
  deps.outbox.kick();
  result.people = digests.size;
  result.groupLines = groupLines.length;
  return result;
}

async function loadNames(
  deps: FeatureDeps,
  page: { personId: string | null; leaderId: string | null; unitId: string }[],
  people: Map<string, Person>,
  liaisons: Map<string, Person[]>,
  unitNames: Map<string, string>,
): Promise<void> {
  const personIds = [...new Set(page.flatMap((i) => [i.personId, i.leaderId]).filter((x): x is string => !!x && !people.has(x)))];
  if (personIds.length) {
    for (const p of await deps.prisma.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true, openId: true } })) people.set(p.id, p);
  }
  const unitIds = [...new Set(page.map((i) => i.unitId).filter((u) => !unitNames.has(u)))];
  if (unitIds.length) {
    for (const u of await deps.prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } })) unitNames.set(u.id, u.name);
    const rows = await deps.prisma.person.findMany({
      where: { unitId: { in: unitIds }, active: true, roles: { some: { role: 'liaison', scope: 'supervision' } } },
      select: { unitId: true, name: true, openId: true },
    });
    for (const id of unitIds) liaisons.set(id, rows.filter((r) => r.unitId === id));
  }
}
