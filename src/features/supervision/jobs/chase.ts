import { isWithinWorkingHours } from '../../../platform/calendar/working-hours.js';
import { recordEvents } from '../../../platform/events.js';
import { enqueueMany } from '../../../platform/outbox/outbox.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { chatsForPurpose } from '../../org/index.js';
import { deadlineRungsOn } from '../../../platform/reminders/index.js';
import { chaseLadder, DEFAULT_LADDER, progressDue, type LadderConfig } from '../domain/chase-ladder.js';
import { ITEM_TYPE } from '../object-type.js';
import type { DigestLine } from '../presenters/digest.js';
import { presentGroupEscalation, presentPersonDigest } from '../presenters/digest.js';
import { refreshItemCards } from '../use-cases/publish.js';
import { advanceChaseStep, chasedItemIds, chasedItemsById, liaisonsOfUnits, peopleById, unitNamesById } from '../repositories/chase.js';

const PAGE = 500;
const CHASED = ['pending_ack', 'in_progress', 'returned'];

interface Person {
  name: string;
  openId: string | null;
  /** The directory's title (副县长…), so that a leader is addressed as 吴副县长 rather than by name. */
  title?: string;
}

export interface ChaseResult {
  scanned: number;
  people: number;
  groupLines: number;
  advanced: number;
  /** Items whose posted cards were brought up to date (overdue, reminded, or near Lark's 14-day limit). */
  refreshed: number;
}

/**
 * The daily chase (a working-days job): pages through the open items that can need a reminder today —
 * due within the ladder's horizon, unsigned, or due a progress report — never the whole ledger. Each
 * person gets one digest card; escalations go to the 督查 group(s) as one card. The ladder step each item
 * reached is saved in the same transaction that queues the messages.
 */
const STEP_CHUNK = 300;

/**
 * `personCards`: false when the people's reminders are part of 今日汇要 (the default; DIGEST_SEPARATE=
 * supervision keeps them here): the ladder still advances and is recorded, and the escalation to the
 * 督查 group still goes at once.
 */
export async function runChase(deps: FeatureDeps, firedAt: Date, ladder: LadderConfig = DEFAULT_LADDER, personCards = true): Promise<ChaseResult> {
  const calendar = deps.calendar.current();
  const today = beijingDate(firedAt);
  const result: ChaseResult = { scanned: 0, people: 0, groupLines: 0, advanced: 0, refreshed: 0 };
  if (!calendar.isWorkingDay(today) || !isWithinWorkingHours(calendar, firedAt, deps.calendar.workingHours)) return result;

  // The rungs of today on the shared ladder: the horizon for the candidate query, and each deadline's rung
  // worked out once per distinct deadline (most items paged in are due months ahead and need no counting).
  const { horizon, rungOf: rungOn } = deadlineRungsOn(chaseLadder(ladder), today, calendar);
  // Progress is due only on the first working day of a week (weekly) or month (monthly): that is when an
  // item that has never reported is due. On other days no item's dates need converting.
  const progressToday = new Set(
    ['weekly', 'monthly'].filter((cycle) => progressDue({ progressCycle: cycle, lastProgressAt: null, createdOn: '0000-01-01' }, today, calendar)),
  );
  // Each line and event remembers its item: an item changed since it was read loses its step's
  // compare-and-set below, and everything said about it from that reading is dropped.
  const personLines: { itemId: string; openId: string; name: string; title?: string; line: DigestLine }[] = [];
  const groupLines: { itemId: string; line: DigestLine }[] = [];
  const advance = new Map<number, { id: string; version: number }[]>();
  const events: { itemId: string; number: string; escalated: boolean; text: string }[] = [];
  const people = new Map<string, Person>();
  const liaisonsByUnit = new Map<string, Person[]>();
  const unitNames = new Map<string, string>();
  // The items whose cards read differently today: overdue ones (the count of days grows) and reminded ones.
  const touched = new Set<string>();

  const add = (itemId: string, openId: string | null, name: string, line: DigestLine, title?: string) => {
    if (openId) personLines.push({ itemId, openId, name, ...(title ? { title } : {}), line });
  };

  // The ids of the items that can need a reminder, in one query over the (status, deadline) index; then
  // their rows a page at a time, by primary key. Paging the rows themselves with a cursor on id made SQLite
  // run the whole filter again, and sort the open items, for every page (bench/ledger.ts, 100,000 items:
  // 18 pages took 1.4 s against 0.1 s for this query). The page query is by id alone: with the status
  // terms added SQLite walks the status index instead.
  const ids = await chasedItemIds(deps.prisma, CHASED, horizon);
  for (let start = 0; start < ids.length; start += PAGE) {
    const rows = await chasedItemsById(deps.prisma, ids.slice(start, start + PAGE));
    // An item closed (or sent for closure) since the first query is no longer chased.
    const page = rows.filter((i) => CHASED.includes(i.status));
    result.scanned += page.length;
    await loadNames(deps, page, people, liaisonsByUnit, unitNames);

    for (const item of page) {
      if (item.deadline < today) touched.add(item.id);
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
        // The group escalation @-mentions whoever acts for the unit when no named person can be reached.
        ...(person?.openId ? {} : { liaisons: assignees.map((a) => ({ name: a.name, openId: a.openId })) }),
      };
      // As deadlineRungToSend: the current rung, if higher than the step already sent.
      const due = rungOn(item.deadline);
      const rung = due && due.rank > item.chaseStep ? due : undefined;
      if (rung) {
        const line = { ...base, reason: rung.label };
        for (const a of assignees) add(item.id, a.openId, a.name, line);
        if (rung.audience.includes('leader') && leader) add(item.id, leader.openId, leader.name, line, leader.title);
        if (rung.audience.includes('group')) groupLines.push({ itemId: item.id, line });
        const read = { id: item.id, version: item.version };
        const sameRank = advance.get(rung.rank);
        if (sameRank) sameRank.push(read);
        else advance.set(rung.rank, [read]);
        events.push({ itemId: item.id, number: item.number, escalated: rung.audience.includes('group'), text: rung.label });
      }
      if (item.status === 'pending_ack' && beijingDate(item.createdAt) < today && !rung) {
        for (const a of assignees) add(item.id, a.openId, a.name, { ...base, reason: '尚未签收' });
      }
      if (item.status !== 'pending_ack' && progressToday.has(item.progressCycle)) {
        const lastProgress = item.lastProgressAt ? beijingDate(item.lastProgressAt) : null;
        if (progressDue({ progressCycle: item.progressCycle, lastProgressAt: lastProgress, createdOn: beijingDate(item.createdAt) }, today, calendar)) {
          for (const a of assignees) add(item.id, a.openId, a.name, { ...base, reason: item.progressCycle === 'weekly' ? '请报送本周进展' : '请报送本月进展' });
        }
      }
    }
  }

  const groups = groupLines.length ? await chatsForPurpose(deps.prisma, 'supervision') : [];
  let digests = 0;
  let groupCount = 0;
  await deps.prisma.$transaction(
    async (tx) => {
      // A step is saved only on the version it was worked out from (an extension approved meanwhile resets
      // the ladder; a closure ends it): the compare-and-set every item write makes.
      const lost = new Set<string>();
      for (const [rank, reads] of advance) {
        // Two bound values a pair: chunks stay under SQLite's 999 bound values per statement.
        for (let i = 0; i < reads.length; i += STEP_CHUNK) {
          const chunk = reads.slice(i, i + STEP_CHUNK);
          const won = await advanceChaseStep(tx, chunk, rank);
          const ids = new Set(won);
          for (const r of chunk) if (!ids.has(r.id)) lost.add(r.id);
          result.advanced += won.length;
        }
      }
      const kept = events.filter((e) => !lost.has(e.itemId));
      for (const e of kept) touched.add(e.itemId);
      // Each reminder that stands goes on the item's timeline and into the audit, with the step it reached.
      await recordEvents(
        tx,
        kept.map((e) => ({
          type: ITEM_TYPE,
          objectId: e.itemId,
          auditId: e.number,
          actor: 'system:supervision.chase',
          at: firedAt,
          kind: e.escalated ? 'escalated' : 'reminded',
          text: e.text,
          action: e.escalated ? 'escalate' : 'remind',
          after: { note: e.text },
        })),
      );
      const byPerson = new Map<string, { name: string; title?: string; lines: DigestLine[] }>();
      for (const l of personCards ? personLines : []) {
        if (lost.has(l.itemId)) continue;
        const d = byPerson.get(l.openId) ?? { name: l.name, lines: [] };
        if (l.title) d.title = l.title;
        d.lines.push(l.line);
        byPerson.set(l.openId, d);
      }
      const escalated = groupLines.filter((l) => !lost.has(l.itemId)).map((l) => l.line);
      digests = byPerson.size;
      groupCount = escalated.length;
      await enqueueMany(tx, [
        ...[...byPerson].map(([openId, d]) => ({
          to: { openId },
          content: { type: 'card' as const, card: presentPersonDigest({ name: d.name, openId, title: d.title ?? null }, today, d.lines) },
          key: `chase:${today}:${openId}`,
          origin: 'job:supervision.chase',
        })),
        ...(escalated.length ? groups : []).map((chatId) => ({
          to: { chatId },
          content: { type: 'card' as const, card: presentGroupEscalation(today, escalated) },
          key: `chase-group:${today}:${chatId}`,
          origin: 'job:supervision.chase',
        })),
      ]);
    },
    { timeout: 120_000 },
  );
  deps.outbox.kick();
  // Cards already posted show today's state: an item past its deadline turns 超期 on every card of it.
  result.refreshed = await refreshItemCards(deps, [...touched]);
  result.people = digests;
  result.groupLines = groupCount;
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
    for (const p of await peopleById(deps.prisma, personIds)) people.set(p.id, p);
  }
  const unitIds = [...new Set(page.map((i) => i.unitId).filter((u) => !unitNames.has(u)))];
  if (unitIds.length) {
    for (const u of await unitNamesById(deps.prisma, unitIds)) unitNames.set(u.id, u.name);
    const rows = await liaisonsOfUnits(deps.prisma, unitIds);
    for (const id of unitIds)
      liaisons.set(
        id,
        rows.filter((r) => r.unitId === id),
      );
  }
}
