import { describe, expect, it } from 'vitest';
import { highlightRisky, presentDraftFailed, presentDraftProgress, presentDraftRun, presentEditForm, presentReturnForm, type ItemView } from './draft-card.js';

const item = (over: Partial<ItemView> = {}): ItemView => ({
  id: 'item1',
  title: '城关镇召开安全生产部署会',
  body: '城关镇排查隐患15处，取得显著成效。',
  kind: '工作动态',
  state: 'draft',
  facts: [
    { text: '15处', kind: 'number', found: false },
    { text: '城关镇', kind: 'place', found: true, source: { noteId: 'n1', sentence: '城关镇召开部署会，排查隐患12处。' } },
  ],
  risky: [{ phrase: '取得显著成效', category: '拔高', start: 10, end: 16 }],
  label: '大模型起草（qwen2.5-7b-instruct）',
  sources: ['信〔2026〕1号'],
  instructionLike: false,
  edited: false,
  ...over,
});

describe('起草 presenters', () => {
  it('shows progress, then each item with its fact check, risky phrases and buttons', () => {
    expect(presentDraftProgress(3)).toMatchSnapshot();
    expect(presentDraftProgress(3, { phase: 'writing', chars: 420, items: 2, attempt: 2 })).toMatchSnapshot();
    expect(
      presentDraftRun(
        [item(), item({ id: 'item2', state: 'adopted', instructionLike: true, label: '规则生成（含内部或涉密信息，未发送大模型）', edited: true })],
        '部分信息规则生成',
      ),
    ).toMatchSnapshot();
  });

  it('neutralises markup in the echoed text and highlights by offsets', () => {
    expect(highlightRisky('<at id=all></at>彻底解决', [{ phrase: '彻底', category: '绝对化', start: 16, end: 18 }])).toBe(
      "&lt;at id=all&gt;&lt;/at&gt;<font color='red'>**彻底**</font>（绝对化）解决",
    );
  });

  it('offers the rules draft on a failure, and the edit and return forms', () => {
    expect(presentDraftFailed('大模型服务出错，来源信息未受影响。可改用规则生成的草稿。', ['信〔2026〕1号'], ['n1'])).toMatchSnapshot();
    expect(presentEditForm(item(), ['工作动态', '典型经验'])).toMatchSnapshot();
    expect(presentReturnForm('item1', ['信〔2026〕1号'])).toMatchSnapshot();
  });
});
