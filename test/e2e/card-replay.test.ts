import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hex, larkEncrypt, larkSign } from '../../src/local/lark/crypto.js';
import { cardActionTriggered } from '../../src/local/lark/events.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { FixedClock } from '../fakes/clock.js';
import { buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * A signed callback captured on the wire and sent again stays valid for Lark's 5-minute signature
 * window. Replayed after the 30-second double-click window (31 s, 4 min later by the receipts' clock,
 * while the signature's own check still sees a fresh request), it must not act again: here, not a
 * second item from one 立项 form.
 */
describe('a replayed card callback', () => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  let h: Harness;
  let supervisor: FakeUser;
  let group: string;
  let housingId: string;
  let leaderId: string;
  let skewMs = 0;

  beforeAll(async () => {
    h = await startHarness({ clock, app: { receiptNow: () => Date.now() + skewMs } });
    supervisor = h.fake.addUser('王督查');
    const liaison = h.fake.addUser('刘联络');
    const leader = h.fake.addUser('李副县长');
    group = h.fake.addChat('督查工作群', [supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
    housingId = (await db.unit.create({ data: { code: 'ZJJ', name: '县住建局' } })).id;
    await db.person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: office.id, roles: { create: [{ role: 'supervisor' }] } } });
    await db.person.create({
      data: { name: liaison.name, openId: liaison.openId, unitId: housingId, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } },
    });
    leaderId = (await db.person.create({ data: { name: leader.name, openId: leader.openId, unitId: office.id, roles: { create: [{ role: 'leader' }] } } })).id;
    await db.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
  });
  afterAll(() => h?.stop());

  it('acts once, however often the same signed bytes come back within the signature window', async () => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建' });
    await h.settle();
    const form = h.fake.cardsIn(group).at(-1)!;
    expect(cardText(form.card)).toContain('督办事项立项');
    const envelope = cardActionTriggered(h.fake.envelope, {
      operatorOpenId: supervisor.openId,
      messageId: form.messageId,
      chatId: group,
      value: buttonValue(form.card, '立项'),
      formValue: {
        content: '完善城区停车设施',
        unit: housingId,
        leader: leaderId,
        deadline: '2026-12-18 +0800',
        source: 'meeting',
        ref: '第9次常务会',
        cycle: 'weekly',
        urgency: 'normal',
        promised: 'no',
      },
      name: 'submit',
      token: `c-${hex(20)}`,
    });
    // Captured once: the same body, timestamp, nonce and signature each time.
    const body = JSON.stringify({ encrypt: larkEncrypt(JSON.stringify(envelope), h.fake.encryptKey!) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = hex(8);
    const headers = {
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': larkSign(timestamp, nonce, h.fake.encryptKey!, body),
    };
    const send = () => h.fake.post(body, headers, 'callback', 'card.action.trigger');

    const first = await send();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ toast: { type: 'success', content: '已立项：督〔2026〕1号' } });
    await h.settle();

    for (const later of [31_000, 4 * 60_000]) {
      skewMs = later;
      const replay = await send();
      expect(replay.status).toBe(200);
      expect(JSON.stringify(replay.body)).not.toContain('已立项');
      await h.settle();
    }
    expect(await h.app.db.prisma.supervisionItem.count()).toBe(1);
  });
});
