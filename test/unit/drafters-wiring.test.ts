import { describe, expect, it } from 'vitest';
import { createDrafters } from '../../src/adapters/openai-drafter.js';
import { loadConfig } from '../../src/config.js';

describe('createDrafters', () => {
  it('gives the rules drafter alone with no endpoint, and the model drafter beside it with one', () => {
    const none = createDrafters(loadConfig({}).llm);
    expect(none.model).toBeUndefined();
    expect(none.rules.label).toBe('rules');
    const both = createDrafters(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1', LLM_MODEL: 'qwen' }).llm);
    expect(both.model?.label).toBe('model');
  });
});
