import { describe, expect, it } from 'vitest';
import { ChatAudience, routeAnswer } from '../../src/platform/audience.js';
import type { ChatMember, Messenger, Result } from '../../src/ports/messenger.js';

/** A member directory behind the port: counts lookups, can fail the next ones, can hold an answer back. */
class Members implements Pick<Messenger, 'listChatMembers'> {
  calls = 0;
  failing = 0;
  readonly chats = new Map<string, string[]>();
  async listChatMembers(chatId: string): Promise<Result<ChatMember[]>> {
    this.calls++;
    await Promise.resolve();
    if (this.failing > 0) {
      this.failing--;
      return { ok: false, error: { kind: 'not_in_chat', code: 232011, message: 'The operator is not in the chat.' } };
    }
    return { ok: true, value: (this.chats.get(chatId) ?? []).map((openId) => ({ openId, name: '' })) };
  }
}

describe('ChatAudience', () => {
  it('remembers a chat for the TTL, shares one lookup between concurrent askers, and forgets failures', async () => {
    const m = new Members();
    m.chats.set('oc_a', ['ou_1', 'ou_2']);
    let now = 0;
    const audience = new ChatAudience(m, { ttlMs: 60_000, now: () => now });
    const [a, b] = await Promise.all([audience.members('oc_a'), audience.members('oc_a')]);
    expect(a).toEqual({ ok: true, value: ['ou_1', 'ou_2'] });
    expect(b).toEqual(a);
    expect(m.calls).toBe(1);
    now = 59_999;
    await audience.members('oc_a');
    expect(m.calls).toBe(1);
    now = 60_000;
    m.chats.set('oc_a', ['ou_1', 'ou_2', 'ou_3']);
    expect(await audience.members('oc_a')).toEqual({ ok: true, value: ['ou_1', 'ou_2', 'ou_3'] });
    expect(m.calls).toBe(2);

    m.failing = 1;
    expect((await audience.members('oc_b')).ok).toBe(false);
    expect((await audience.members('oc_b')).ok).toBe(true);
    expect(m.calls).toBe(4);
  });

  it('holds at most maxChats, forgetting the least recently asked', async () => {
    const m = new Members();
    const audience = new ChatAudience(m, { maxChats: 2, now: () => 0 });
    await audience.members('oc_1');
    await audience.members('oc_2');
    await audience.members('oc_1'); // oc_2 is now the oldest
    await audience.members('oc_3');
    expect(m.calls).toBe(3);
    await audience.members('oc_1');
    expect(m.calls).toBe(3);
    await audience.members('oc_2');
    expect(m.calls).toBe(4);
  });
});

describe('routeAnswer', () => {
  const m = new Members();
  m.chats.set('oc_group', ['ou_asker', 'ou_other']);
  const audience = new ChatAudience(m);

  it('answers a p2p chat in place without looking anyone up', async () => {
    const before = m.calls;
    expect(await routeAnswer(audience, { chatId: 'oc_p2p', chatType: 'p2p', askerOpenId: 'ou_asker' }, async () => false)).toEqual({ kind: 'here' });
    expect(m.calls).toBe(before);
  });

  it('asks about the members other than the asker, and fails closed when they cannot be read', async () => {
    const seen: string[][] = [];
    const asked = { chatId: 'oc_group', chatType: 'group' as const, askerOpenId: 'ou_asker' };
    expect(await routeAnswer(audience, asked, async (ms) => (seen.push([...ms]), true))).toEqual({ kind: 'here' });
    expect(seen).toEqual([['ou_other']]);
    expect(await routeAnswer(audience, asked, async () => false)).toEqual({ kind: 'private', reason: 'restricted' });
    m.failing = 1;
    expect(await routeAnswer(new ChatAudience(m), asked, async () => true)).toEqual({ kind: 'private', reason: 'unknown' });
  });
});
