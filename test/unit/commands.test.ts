import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/router/commands.js';
import type { Mention } from '../../src/router/events.js';

const bot: Mention = { key: '@_user_1', openId: 'ou_bot', name: '三办助手' };
const zhang: Mention = { key: '@_user_2', openId: 'ou_zhang', name: '张三' };
const isBot = (m: Mention) => m.openId === 'ou_bot';

describe('parseCommandText', () => {
  it('strips the bot mention wherever it stands', () => {
    expect(parseCommandText('@_user_1 帮助', [bot], isBot)).toMatchObject({ name: '帮助', args: '', argv: [] });
    expect(parseCommandText('帮助 @_user_1', [bot], isBot)).toMatchObject({ name: '帮助' });
  });

  it('accepts a leading / or ／, full-width letters and spaces, and upper case aliases', () => {
    expect(parseCommandText('／帮助', [], isBot)?.name).toBe('帮助');
    expect(parseCommandText('/ help', [], isBot)?.name).toBe('help');
    expect(parseCommandText('ＨＥＬＰ', [], isBot)?.name).toBe('help');
    expect(parseCommandText('\u3000督办\u3000 列表   超期 ', [], isBot)).toMatchObject({ name: '督办', args: '列表 超期', argv: ['列表', '超期'] });
  });

  it('keeps other mentions as arguments, in order', () => {
    const parsed = parseCommandText('@_user_1 授权 @_user_2 督查员', [bot, zhang], isBot);
    expect(parsed).toMatchObject({ name: '授权', args: '@_user_2 督查员' });
    expect(parsed?.mentions).toEqual([zhang]);
  });

  it('returns null for a bare mention', () => {
    expect(parseCommandText('@_user_1', [bot], isBot)).toBeNull();
    expect(parseCommandText('  ', [], isBot)).toBeNull();
  });
});
