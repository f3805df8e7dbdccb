import { describe, expect, it } from 'vitest';
import { chatAudienceFor } from '../../src/platform/audience.js';
import type { ChatMember, Messenger, Result } from '../../src/ports/messenger.js';

class Members implements Pick<Messenger, 'listChatMembers'> {
  calls = 0;
  async listChatMembers(): Promise<Result<ChatMember[]>> {
    this.calls++;
    return { ok: true, value: [{ openId: 'ou_1', name: '' }] };
  }
}

describe('chatAudienceFor: one member cache per bot', () => {
  it('组织 and 督办 answers in one chat look its members up once', async () => {
    const m = new Members();
    const org = chatAudienceFor(m);
    const supervision = chatAudienceFor(m);
    expect(supervision).toBe(org);
    await org.members('oc_a');
    await supervision.members('oc_a');
    expect(m.calls).toBe(1);
    // Another bot (messenger) has a cache of its own.
    expect(chatAudienceFor(new Members())).not.toBe(org);
  });
});
