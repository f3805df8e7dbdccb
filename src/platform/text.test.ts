import { describe, expect, it } from 'vitest';
import { storableText } from './text.js';

describe('storableText', () => {
  it('keeps well-formed text, emoji included', () => {
    expect(storableText('督办 列表 😀 ok')).toBe('督办 列表 😀 ok');
  });
  it('replaces lone surrogates (half an emoji) and NUL with U+FFFD', () => {
    const halfEmoji = '😀'.slice(0, 1);
    expect(storableText(`a${halfEmoji}b`)).toBe('a\uFFFDb');
    expect(storableText('\uDE00x')).toBe('\uFFFDx');
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
  });
});
