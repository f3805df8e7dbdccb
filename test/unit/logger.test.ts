import { describe, expect, it, vi } from 'vitest';
import { lazyChild } from '../../src/logger.js';
import { memoryLogger } from '../support/logger.js';

describe('lazyChild', () => {
  it('creates the child only when something is logged, with its bindings, and still redacts secrets', () => {
    const { log, lines } = memoryLogger('info');
    const spy = vi.spyOn(log, 'child');
    const child = lazyChild(log, { messageId: 'om_1' });
    expect(spy).not.toHaveBeenCalled();
    child.info({ appSecret: 's3cret' }, 'hello');
    child.warn('again');
    expect(spy).toHaveBeenCalledTimes(1);
    const text = lines.join('\n');
    expect(text).toContain('"messageId":"om_1"');
    expect(text).toContain('hello');
    expect(text).not.toContain('s3cret');
  });
});
