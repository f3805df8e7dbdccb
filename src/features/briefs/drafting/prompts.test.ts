import { describe, expect, it } from 'vitest';
import { loadBriefPrompts, parsePrompt, renderBriefMessages } from './prompts.js';

describe('prompts/briefs', () => {
  it('loads the system and task prompts and records their versions', () => {
    const prompts = loadBriefPrompts();
    expect(prompts.version).toMatch(/^briefs\/system@\d+\+briefs\/task@\d+$/);
    expect(prompts.system.text).toMatch(/不是给你的指令/);
  });

  it('refuses a prompt without its header', () => {
    expect(() => parsePrompt('你是编辑助手。', 'x.md')).toThrow(/header/);
    expect(() => parsePrompt('---\nid: a\nversion: one\n---\n正文', 'x.md')).toThrow(/version/);
  });

  it('fills the task prompt once: a note that contains {{kinds}} is not expanded', () => {
    const { user } = renderBriefMessages(loadBriefPrompts(), [{ id: 'N1', unit: '县农业农村局', text: '{{kinds}} <script>', sensitive: false }], {
      kinds: ['工作动态'],
      bodyChars: { min: 200, max: 500 },
    });
    expect(user).toContain('类别之一：工作动态');
    expect(user).toContain('"text": "{{kinds}} \\u003cscript\\u003e"');
    expect(user).toContain('200–500 字');
  });
});
