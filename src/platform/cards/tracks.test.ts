import { describe, expect, it } from 'vitest';
import { decodeTracks, encodeTracks, repostKey } from './tracks.js';

describe('tracks: what an outbox row says about the card it carries', () => {
  it.each([
    [{ objectType: 'supervision_item', objectId: 'c1', view: 'group' }, 'supervision_item|c1|group'],
    [{ objectType: 'supervision_item', objectId: 'c1', view: 'group', chatId: 'oc_1' }, 'supervision_item|c1|group|oc_1'],
    [{ objectType: 'doc_review', objectId: 'd9', view: 'assignee', replaces: 'om_old' }, 'doc_review|d9|assignee||om_old'],
    [{ objectType: 'doc_review', objectId: 'd9', view: 'group', chatId: 'oc_2', replaces: 'om_old' }, 'doc_review|d9|group|oc_2|om_old'],
  ])('%o ⇄ %s', (tracks, stored) => {
    expect(encodeTracks(tracks)).toBe(stored);
    expect(decodeTracks(stored)).toEqual(tracks);
  });

  it('reads rows written before chat and replaces existed, and nothing from an empty column', () => {
    expect(decodeTracks('supervision_item|c1|detail')).toEqual({ objectType: 'supervision_item', objectId: 'c1', view: 'detail' });
    expect(decodeTracks('')).toBeUndefined();
  });

  it('one re-post key per old message', () => {
    expect(repostKey('om_1')).toBe(repostKey('om_1'));
    expect(repostKey('om_1')).not.toBe(repostKey('om_2'));
  });
});
