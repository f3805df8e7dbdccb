import type { RunningApp } from '../src/app.js';
import { EDIT_ACTION as INFO_ITEM_EDIT } from '../src/features/briefs/editing/presenters/draft-card.js';
import { ENTRY_EDIT_ACTION } from '../src/features/schedules/presenters/entry-card.js';
import { MEETING_ACTIONS } from '../src/features/topics/meetings/presenters/actions.js';
import { hex } from '../src/local/lark/crypto.js';
import type { FakeUser } from '../src/local/lark/server.js';
import { beijingDate } from '../src/platform/time.js';
import type { PreparedRequest } from './loadgen.js';
import type { BenchLark } from './remote-fake.js';
import { cardClick, mentionMessage, type Signer } from './signed.js';

/**
 * The newer features' share of the ingress mix: 日程 今天, 审核 卡在谁那, 议题 列表 and 信息 报送, and a card
 * click of each feature that reloads its object and renders a card inside the ack, changing nothing:
 *   - 日程: 修改 on a leader's entry ( the entry loaded, keeper checked, the edit form);
 *   - 审核: 返回 on a draft the clicker holds ( the draft and its chain loaded, the holder's card);
 *   - 议题: 修改 on a 会议 新建 confirmation (the meeting type loaded, office checked, the form);
 *   - 信息: 修改 on a drafted item (the item loaded, editor checked, the edit form).
 * Everything is written straight to the tables beside the seeded ledger: one 办公室主任 who is also 秘书科 and
 * 信息编辑 (the commands and clicks' actor), a leader with today's entries, drafts at the 主任's level, a
 * meeting type, drafted information items; 信息 报送 comes from a unit's 信息联络员 of the ledger.
 */
export const FEATURE_KINDS = ['日程 今天', '审核 卡在谁那', '议题 列表', '信息 报送', '日程 click', '审核 click', '议题 click', '信息 click'] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

export interface FeatureSeed {
  office: FakeUser;
  /** The 主任's own group: what they ask there is theirs to see (in a wider group 审核 卡在谁那 goes by DM). */
  officeChat: string;
  liaison: FakeUser;
  entries: { id: string; version: number }[];
  drafts: { draftId: string; stepId: string }[];
  meetingTypeId: string;
  items: string[];
}

/** Cards the clicks land on: posted by the bot for real would need each feature's flow; a message id is enough for the ack. */
const CLICK_MESSAGES = 20;

export async function seedFeatures(app: RunningApp, fake: BenchLark): Promise<FeatureSeed & { cards: { messageId: string; chatId: string }[] }> {
  const { prisma } = app.db;
  const today = beijingDate(new Date());
  const now = new Date();
  const unit = await prisma.unit.create({ data: { code: 'BENCH-BGS', name: '县政府办公室（基准）', kind: 'office_section' } });
  const officeUser = await fake.addUser('基准办公室主任');
  const officeChat = await fake.addChat('办公室主任工作群', [officeUser], 'oc_bench_office_group');
  const office = await prisma.person.create({
    data: {
      name: officeUser.name,
      openId: officeUser.openId,
      unitId: unit.id,
      title: '办公室主任',
      roles: { create: [{ role: 'director' }, { role: 'secretary', scope: '' }, { role: 'editor' }] },
    },
  });
  const leaderUser = await fake.addUser('基准县长');
  const leader = await prisma.person.create({
    data: { name: leaderUser.name, openId: leaderUser.openId, unitId: unit.id, title: '县长', roles: { create: [{ role: 'leader' }] } },
  });
  const entries = [];
  for (let i = 0; i < 6; i++) {
    const e = await prisma.scheduleEntry.create({
      data: {
        leaderId: leader.id,
        date: today,
        dayPart: 'exact',
        startMinute: 8 * 60 + i * 90,
        endMinute: 8 * 60 + i * 90 + 60,
        activity: `基准活动${i + 1}：调研重点项目推进情况`,
        place: `${i + 1}号会议室`,
        createdBy: 'bench',
      },
    });
    entries.push({ id: e.id, version: e.version });
  }
  const drafts = [];
  for (let d = 0; d < 20; d++) {
    const draft = await prisma.reviewDraft.create({
      data: {
        year: 2099,
        seq: d + 1,
        number: `审〔2099〕${d + 1}号`,
        title: `关于做好第${d + 1}项基准工作的请示`,
        kind: 'request',
        sourceType: 'docx',
        docToken: `bench_doc_${d}`,
        drafterId: leader.id,
        drafterOpenId: leaderUser.openId,
        unitId: unit.id,
        status: 'reviewing',
        currentPosition: 100,
        submittedAt: now,
        statusAt: now,
      },
    });
    const step = await prisma.reviewStep.create({
      data: {
        draftId: draft.id,
        position: 100,
        role: 'director',
        label: '主任',
        personId: office.id,
        openId: officeUser.openId,
        personName: officeUser.name,
        status: 'current',
        reachedAt: new Date(now.getTime() - (d + 1) * 3_600_000),
      },
    });
    drafts.push({ draftId: draft.id, stepId: step.id });
  }
  const type =
    (await prisma.meetingType.findFirst({ where: { active: true } })) ??
    (await prisma.meetingType.create({
      data: { code: '常务会', name: '县政府常务会议', numberPrefix: '县政府第', numberSuffix: '次常务会议', minutesTitle: '县政府常务会议纪要' },
    }));
  const items = [];
  for (let i = 0; i < 20; i++) {
    const item = await prisma.infoItem.create({
      data: {
        title: `基准信息${i + 1}`,
        body: '县应急管理局组织开展防汛应急演练，检验预案、锻炼队伍。',
        kind: '工作动态',
        drafter: 'rules',
        editorId: office.id,
        editorOpenId: officeUser.openId,
        runId: `bench-run-${i}`,
      },
    });
    items.push(item.id);
  }
  const liaisonRow = await prisma.person.findFirstOrThrow({ where: { roles: { some: { role: 'liaison', scope: 'info' } }, openId: { not: null } } });
  const liaison = await fake.addUser(liaisonRow.name, liaisonRow.openId!);
  // The clicks' messages: any message of the chat will do (the ack renders the card the handler returns).
  const cards = Array.from({ length: CLICK_MESSAGES }, (_, i) => ({ messageId: `om_bench_feature_${i}_${hex(6)}`, chatId: officeChat }));
  for (const c of cards) fake.rememberInbound(c.messageId, c.chatId);
  return { office: officeUser, officeChat, liaison, entries, drafts, meetingTypeId: type.id, items, cards };
}

/** One request of a feature kind; `i` picks the object (round-robin). Every click carries a fresh render nonce. */
export function featureRequest(
  signer: Signer,
  s: FeatureSeed & { cards: { messageId: string; chatId: string }[] },
  chat: string,
  kind: FeatureKind,
  i: number,
): PreparedRequest {
  const click = (value: Record<string, unknown>) => {
    const card = s.cards[i % s.cards.length]!;
    return cardClick(signer, { ...card, operatorOpenId: s.office.openId, value: { ...value, _r: hex(4) } }, kind, '"card"');
  };
  switch (kind) {
    case '日程 今天':
    case '审核 卡在谁那':
    case '议题 列表':
      return mentionMessage(signer, s.officeChat, s.office.openId, kind, kind);
    case '信息 报送':
      return mentionMessage(signer, chat, s.liaison.openId, `信息 报送 基准报送${i}：今天上午，县应急管理局组织开展防汛应急演练。`, kind);
    case '日程 click': {
      const e = s.entries[i % s.entries.length]!;
      return click({ a: ENTRY_EDIT_ACTION, e: e.id, v: e.version });
    }
    case '审核 click': {
      const d = s.drafts[i % s.drafts.length]!;
      return click({ a: 'rv.back', d: d.draftId, s: d.stepId, v: 0, r: 1 });
    }
    case '议题 click':
      return click({ a: MEETING_ACTIONS.edit, t: s.meetingTypeId, d: '2099-01-05', n: 9 * 60, p: '第一会议室' });
    case '信息 click':
      return click({ a: INFO_ITEM_EDIT, item: s.items[i % s.items.length]! });
  }
}
