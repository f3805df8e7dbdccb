import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { localModeProblems } from '../../src/local/eligibility.js';

/** `.env.example` as `node --env-file` reads it: NAME=value lines, comments skipped. */
const example = Object.fromEntries(
  readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);
const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

describe('.env.example says what really happens', () => {
  it('copied unchanged to .env, gives exactly the built-in defaults', () => {
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });

  it('copied unchanged, starts local mode (its first paragraph says so)', () => {
    expect(text).toMatch(/runs in local mode/);
    expect(localModeProblems(example)).toEqual([]);
  });

  it('describes every variable the bot reads, and no other', () => {
    // Each feature's variables live in its own fragment under src/config/.
    const dir = new URL('../../src/config/', import.meta.url);
    const src = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const read = [...src.matchAll(/^ {2}([A-Z][A-Z_]+): /gm)].map((m) => m[1]).sort();
    expect(read.length).toBeGreaterThan(15);
    expect(Object.keys(example).sort()).toEqual(read);
  });

  it('does not claim the bot merely logs that it cannot reach Lark', () => {
    expect(text).not.toMatch(/cannot talk to Lark/i);
  });
});
