import { describe, expect, it } from 'vitest';
import { parseOneLineSubmit } from './one-line.js';

describe('审核 提交 one line', () => {
  it('reads title, link and urgency in any order', () => {
    expect(parseOneLineSubmit(['关于加强安全生产的通知', 'https://x.feishu.cn/docx/AbCdEfGhIjKlMnOpQrStUvWxYz1', '特急'])).toEqual({
      title: '关于加强安全生产的通知',
      link: 'https://x.feishu.cn/docx/AbCdEfGhIjKlMnOpQrStUvWxYz1',
      urgency: 'extra_urgent',
      kind: 'general',
    });
    const r = parseOneLineSubmit(['类型:规范性文件', '县政府规章', '制定办法', 'https://x/docx/abcdefghijkl', '单位:综合科', '说明:请', '尽快']);
    expect(r).toMatchObject({ title: '县政府规章 制定办法', kind: 'normative', unitName: '综合科', note: '请 尽快', urgency: 'normal' });
  });

  it('keeps an unknown kind for the refusal', () => {
    const r = parseOneLineSubmit(['标题', '类型:公告']);
    expect(r.kindTyped).toBe('公告');
    expect(r.kind).toBeUndefined();
  });
});
