import { describe, expect, it } from 'vitest';
import { DEFAULT_KIND_RULES, classifyKind, kindOf, kindRulesFor } from './kinds.js';

describe('the rules classifier', () => {
  it('gives each of the six kinds to a typical note', () => {
    expect(classifyKind('县长刘建国主持召开县政府常务会议，研究部署森林防火工作，要求各乡镇落实值班制度。')).toBe('领导思路');
    expect(classifyKind('县人社局举办冬季招聘会，共有86家企业参加，提供岗位2350个。')).toBe('工作动态');
    expect(classifyKind('东关村探索“积分制”治理模式，村民凭积分兑换生活用品。')).toBe('典型经验');
    expect(classifyKind('镇区污水管网建设滞后，群众意见较大。建议纳入明年重点项目。')).toBe('问题建议');
    expect(classifyKind('凌晨2时许，白沙乡一民房发生火灾，1人受伤。')).toBe('急情要事');
    expect(classifyKind('1至10月规上工业增加值同比增长6.8%，预计全年增速在6.5%左右。')).toBe('分析预测');
  });

  it('with no rule matching, gives the default kind', () => {
    expect(classifyKind('今天天气晴。')).toBe('工作动态');
  });

  it('takes the liaison’s declared kind when it is one of the office’s kinds, and ignores one that is not', () => {
    expect(kindOf({ text: '县人社局举办冬季招聘会。', kind: '典型经验' })).toBe('典型经验');
    expect(kindOf({ text: '县人社局举办冬季招聘会。', kind: '要闻' })).toBe('工作动态');
  });

  it('follows an office’s own list: a dropped kind is never given; without 工作动态 the default is a kind other than 急情要事', () => {
    const rules = kindRulesFor(['急情要事', '综合信息']);
    expect(classifyKind('县长主持召开常务会议。', rules)).toBe('综合信息');
    expect(classifyKind('凌晨2时许，白沙乡一民房发生火灾，1人受伤。', rules)).toBe('急情要事');
    expect(kindRulesFor(['急情要事', '综合信息', '要闻'], DEFAULT_KIND_RULES, '要闻').defaultKind).toBe('要闻');
    expect(kindOf({ text: '今天天气晴。', kind: '综合信息' }, rules)).toBe('综合信息');
    expect(DEFAULT_KIND_RULES.kinds).toHaveLength(6);
  });
});
