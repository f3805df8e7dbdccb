import { describe, expect, it } from 'vitest';
import { draftInputOf } from './draft-input.js';

describe('what a note gives the drafter', () => {
  it('its text only: the pictures and files attached to it never reach a model', () => {
    const note = {
      id: 'n1',
      body: '今天上午，城关镇组织开展冬季消防安全检查。',
      declaredKind: '',
      internal: false,
      secret: false,
      sensitive: false,
      reportedAt: new Date('2026-12-02T02:00:00Z'),
      attachments: JSON.stringify([{ kind: 'image', key: 'img_v3_secret', name: '', messageId: 'om_1' }]),
    };
    const input = draftInputOf(note, '城关镇');
    expect(JSON.stringify(input)).not.toContain('img_v3_secret');
    expect(input.text).toBe(note.body);
  });
});
