/** What a group chat can be bound for (ChatBinding.purpose) and the Chinese word typed after 绑定. */
export const PURPOSES = ['supervision', 'schedule', 'info', 'topics', 'reviews', 'leaders', 'admin'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const PURPOSE_NAMES: Record<Purpose, string> = {
  supervision: '督查',
  schedule: '日程',
  info: '信息',
  topics: '议题',
  reviews: '审核',
  leaders: '领导',
  admin: '管理',
};

const PURPOSE_DESCRIPTIONS: Record<Purpose, string> = {
  supervision: '督查督办通知与通报',
  schedule: '领导日程推送',
  info: '政务信息报送',
  topics: '会议议题',
  reviews: '文稿审核',
  leaders: '领导群',
  admin: '管理员群（接收投递失败等系统提醒）',
};

export function parsePurpose(text: string): Purpose | undefined {
  const t = text.normalize('NFKC').trim().toLowerCase();
  const hit = PURPOSES.find((p) => p === t || PURPOSE_NAMES[p] === t || `${PURPOSE_NAMES[p]}群` === t);
  return hit;
}

export function purposeName(purpose: string): string {
  return (PURPOSE_NAMES as Record<string, string>)[purpose] ?? purpose;
}

export function purposeDescription(purpose: Purpose): string {
  return PURPOSE_DESCRIPTIONS[purpose];
}

export function allPurposeNames(): string {
  return PURPOSES.map((p) => PURPOSE_NAMES[p]).join('、');
}
