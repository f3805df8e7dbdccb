import { describe, expect, it } from 'vitest';
import { splitFields } from './commands.js';

const KEYS = { unit: ['承办', '承办单位'], leader: ['领导'], deadline: ['时限'] } as const;

describe('a decision typed on one line', () => {
  it('reads 承办 / 领导 / 时限 in either colon, anywhere on the line; the rest is the content', () => {
    expect(splitFields(['抓紧推进', '承办：县住建局', '老旧小区改造', '领导:李副县长', '时限：10月30日'], KEYS)).toEqual({
      rest: '抓紧推进 老旧小区改造',
      fields: { unit: '县住建局', leader: '李副县长', deadline: '10月30日' },
    });
  });
  it('a field it does not know stays in the content; no 承办 leaves the unit unset (the use case refuses it)', () => {
    expect(splitFields(['按照', '要求:从严', '落实'], KEYS)).toEqual({ rest: '按照 要求:从严 落实', fields: {} });
  });
});
