import { z } from 'zod';
import { ROLES } from './roles.js';

/**
 * What an org card may send back, parsed before anything reads it: a value that does not fit was not
 * made by one of our cards and is answered as a stale card.
 */
export const MEMBER_CARD_STALE = '卡片内容已失效，请重新发送「成员 <姓名>」查看。';

/** The 撤销「X」 button on a member card. */
export const revokeValue = z.object({
  personId: z.string().min(1).max(64),
  role: z.enum(ROLES),
  // Who showed the card: kept for the record, never used to authorize.
  requestedBy: z.string().max(100).optional(),
  shown: z.string().max(2000).optional(),
});
