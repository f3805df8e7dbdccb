import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { startFakeOpenAi, type FakeOpenAiServer, type FakeReply } from '../fakes/openai-server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/types.js';

const at = (s: string) => new Date(`${s}+08:00`);

/** Each way the model can fail, what the fake does, what the editor is told, and how many calls it costs. */
const FAILURES: { name: string; replies: FakeReply[]; words: string; requests: number }[] = [
  { name: 'a hanging endpoint (LLM_TIMEOUT_MS)', replies: [{ hang: true }], words: '大模型响应超时', requests: 1 },
  { name: 'a stream that stalls after its first chunk', replies: [{ hang: 'after-first-chunk' }], words: '大模型响应超时', requests: 1 },
  { name: 'a 500', replies: [{ status: 500 }], words: '大模型服务出错', requests: 1 },
  {
    name: 'unparseable output twice (one retry)',
    replies: [{ content: '好的，以下是草稿：标题……' }, { content: '{"items": [' }],
    words: '大模型输出格式不符合要求',
    requests: 2,
  },
  {
    name: 'schema-breaking output twice (an unknown note id, an empty body)',
    replies: [
      { content: '{"items":[{"title":"城关镇","body":"","kind":"工作动态","sourceNoteIds":["N999"],"facts":[],"riskyPhrases":[]}]}' },
      { content: '{"items":[]}' },
    ],
    words: '大模型输出格式不符合要求',
    requests: 2,
  },
  {
    name: 'a cut-off (finish_reason length)',
    replies: [{ finishReason: 'length', content: '{"items":[{"title":"城关镇开展冬季' }],
    words: '大模型输出被截断',
    requests: 1,
  },
];

/**
 * Every model failure through the real `openai` client against the fake endpoint: the notes stay as they
 * were (已报送, not marked used — a note becomes 已采用 only when a draft of it is saved), the editor is told
 * in exactly one message (the progress card, patched into the failure card) and offered 使用规则草稿, which
 * drafts by rules, once.
 */
describe('政务信息: every model failure leaves the notes intact, tells the editor once and offers the rules draft', () => {
  let h: Harness;
  let model: FakeOpenAiServer;
  let liaison: FakeUser, editor: FakeUser;
  const dm = (x: FakeUser) => h.fake.p2pChatId(x.openId);
  const say = async (x: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(x), from: x, text, p2p: true });
    await h.settle();
  };

  beforeAll(async () => {
    model = await startFakeOpenAi();
    h = await startHarness({
      clock: new FixedClock(at('2026-12-01T09:05:00')),
      env: { LLM_BASE_URL: model.baseUrl, LLM_MODEL: 'deepseek-r1-distill-qwen-14b', LLM_TIMEOUT_MS: '1000' },
    });
    await caughtUp(h);
    const p = h.app.db.prisma;
    liaison = h.fake.addUser('城关镇联络员');
    editor = h.fake.addUser('信息科编辑');
    const unit = await p.unit.create({ data: { code: 'CG', name: '城关镇', kind: 'town' } });
    const person = await p.person.create({ data: { name: liaison.name, openId: liaison.openId, unitId: unit.id } });
    await p.roleGrant.create({ data: { personId: person.id, role: 'liaison', scope: 'info' } });
    const section = await p.unit.create({ data: { code: 'XXK', name: '信息科', kind: 'office_section' } });
    const e = await p.person.create({ data: { name: editor.name, openId: editor.openId, unitId: section.id } });
    await p.roleGrant.create({ data: { personId: e.id, role: 'editor' } });
  });
  afterAll(async () => {
    await h?.stop();
    await model?.close();
  });

  for (const [i, f] of FAILURES.entries()) {
    it(`${f.name}: 「${f.words}」 in one message, the note still 已报送, then the rules draft`, async () => {
      const p = h.app.db.prisma;
      h.clock.set(at(`2026-12-01T${String(10 + i).padStart(2, '0')}:00:00`));
      const figure = 20 + i;
      await say(liaison, `信息 报送 城关镇开展冬季消防安全检查，检查沿街商铺${figure}家，整改隐患${i + 3}处。`);
      const note = (await p.infoNote.findFirst({ orderBy: { seq: 'desc' } }))!;
      const requestsBefore = model.requests.length;
      const allBefore = h.fake.messages.size;
      const liaisonBefore = h.fake.messagesIn(dm(liaison)).length;
      model.enqueue(...f.replies);

      await say(editor, '信息 起草');
      expect(model.requests.length - requestsBefore).toBe(f.requests);
      // Exactly one message, to the editor only.
      expect(h.fake.messages.size).toBe(allBefore + 1);
      const failed = h.fake.cardsIn(dm(editor)).at(-1)!;
      const text = cardText(failed.card);
      expect(text).toContain(`${f.words}，来源信息未受影响。可改用规则生成的草稿。`);
      expect(text).toContain(`涉及信息：${note.number}（仍为已报送状态）`);
      expect(text).not.toMatch(/fake error|stack|Error:|status/);
      expect(buttonLabels(failed.card)).toEqual(['使用规则草稿']);
      expect(h.fake.messagesIn(dm(liaison))).toHaveLength(liaisonBefore);
      // The note is untouched: same state, same version, not used; nothing drafted.
      const after = (await p.infoNote.findUniqueOrThrow({ where: { id: note.id } }))!;
      expect(after).toMatchObject({ state: 'reported', version: note.version, usedAt: null, body: note.body });
      expect(await p.infoItem.count({ where: { runId: failed.messageId } })).toBe(0);
      // The reporter may still edit it.
      await say(liaison, `信息 修改 ${note.number} 城关镇开展冬季消防安全检查，检查沿街商铺${figure}家，整改隐患${i + 3}处，约谈负责人2名。`);
      expect(h.fake.textsIn(dm(liaison)).at(-1)).toContain(`已修改：${note.number}`);

      // 使用规则草稿: the rules drafter, no call to the model, the note used once.
      const requestsBeforeRules = model.requests.length;
      const r = await h.fake.click({ messageId: failed.messageId, by: editor, value: buttonValue(failed.card, '使用规则草稿') });
      await h.settle();
      expect(model.requests.length).toBe(requestsBeforeRules);
      const drafted = cardText(h.fake.cardsIn(dm(editor)).find((c) => c.messageId === failed.messageId)!.card);
      expect(drafted).toContain('规则生成（大模型调用失败）');
      expect(drafted).toContain(`已在来源中找到：${figure}家`);
      expect(drafted).toContain('已在来源中找到：2名'); // the edited text is what was drafted
      expect(JSON.stringify(r.body)).toContain('已生成规则草稿');
      const items = await p.infoItem.findMany({ where: { runId: failed.messageId } });
      expect(items.map((x) => [x.drafter, x.drafterReason, x.state])).toEqual([['rules', 'model_failed', 'draft']]);
      expect((await p.infoNote.findUniqueOrThrow({ where: { id: note.id } })).state).toBe('used');
      // A second click drafts nothing twice.
      const again = await h.fake.click({ messageId: failed.messageId, by: editor, value: buttonValue(failed.card, '使用规则草稿') });
      await h.settle();
      expect(JSON.stringify(again.body)).toMatch(/该操作已处理，无需重复点击|这些信息已被起草、退回或撤回/);
      expect(await p.infoItem.count({ where: { runId: failed.messageId } })).toBe(1);
    });
  }

  it('after all that, the model answers again and drafts normally', async () => {
    h.clock.set(at('2026-12-01T17:00:00'));
    await say(liaison, '信息 报送 城关镇完成冬季道路除冰保畅，出动除雪机械12台次、人员150人次。');
    await say(editor, '信息 起草');
    const text = cardText(h.fake.cardsIn(dm(editor)).at(-1)!.card);
    expect(text).toContain('大模型起草（deepseek-r1-distill-qwen-14b）');
    expect(text).toContain('已在来源中找到：150人次');
    expect(text).toContain('已在来源中找到：12台次');
  });
});
