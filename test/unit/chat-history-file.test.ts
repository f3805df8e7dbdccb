import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatHistoryFile } from '../../src/local/chat-history-file.js';
import type { FakeLarkSnapshot } from '../../src/local/lark/server.js';
import { memoryLogger } from '../support/logger.js';

const snapshot = (text: string): FakeLarkSnapshot => ({ messages: [], inbound: [{ messageId: 'om_1', chatId: 'oc_1', from: 'ou_1', text, at: 1 }] });

describe('local chat history file', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'sanban-history-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('writes atomically (no temporary file left) and loads what it wrote', () => {
    const dir = tempDir();
    const path = join(dir, 'data', 'local-lark.json');
    const { log } = memoryLogger('warn');
    const file = new ChatHistoryFile({ path, snapshot: () => snapshot('你好'), log });
    expect(file.flush()).toBe(true);
    expect(readdirSync(join(dir, 'data'))).toEqual(['local-lark.json']);
    expect(file.load()).toEqual(snapshot('你好'));
  });

  it('a write that fails (the parent is a file) is logged once and does not throw; it is saved once possible again', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'data'), 'not a directory');
    const { log, records } = memoryLogger('info');
    let text = '第一条';
    const file = new ChatHistoryFile({ path: join(dir, 'data', 'local-lark.json'), snapshot: () => snapshot(text), log });
    expect(file.flush()).toBe(false);
    expect(file.flush()).toBe(false);
    const warnings = records().filter((r) => r.level === 40);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]!.msg)).toContain('本地聊天记录无法保存');
    // No message body in the log.
    expect(JSON.stringify(records())).not.toContain('第一条');
    rmSync(join(dir, 'data'));
    text = '第二条';
    expect(file.flush()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'data', 'local-lark.json'), 'utf8'))).toEqual(snapshot('第二条'));
  });

  it('a failing write from the timer does not throw out of it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'data'), 'not a directory');
    const { log, records } = memoryLogger('warn');
    const file = new ChatHistoryFile({ path: join(dir, 'data', 'local-lark.json'), snapshot: () => snapshot('x'), log, delayMs: 5 });
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.prependListener('uncaughtException', onUncaught);
    try {
      file.schedule();
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
    expect(records().filter((r) => r.level === 40)).toHaveLength(1);
  });

  it('an unreadable history is reported and ignored', () => {
    const dir = tempDir();
    const path = join(dir, 'local-lark.json');
    writeFileSync(path, '{ truncated');
    const { log, records } = memoryLogger('warn');
    expect(new ChatHistoryFile({ path, snapshot: () => snapshot('x'), log }).load()).toBeUndefined();
    expect(records()).toHaveLength(1);
  });
});
