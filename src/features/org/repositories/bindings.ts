import type { Db } from './people.js';

export interface BindingRow {
  chatId: string;
  purpose: string;
  createdBy: string;
}

const select = { chatId: true, purpose: true, createdBy: true } as const;

export function listBindingsForChat(db: Db, chatId: string): Promise<BindingRow[]> {
  return db.chatBinding.findMany({ where: { chatId }, select, orderBy: { createdAt: 'asc' } });
}

export function listChatsForPurpose(db: Db, purpose: string): Promise<BindingRow[]> {
  return db.chatBinding.findMany({ where: { purpose }, select, orderBy: { createdAt: 'asc' } });
}

export function findBinding(db: Db, chatId: string, purpose: string): Promise<BindingRow | null> {
  return db.chatBinding.findUnique({ where: { chatId_purpose: { chatId, purpose } }, select });
}

export function createBinding(db: Db, b: BindingRow): Promise<BindingRow> {
  return db.chatBinding.create({ data: b, select });
}

/** False when there was nothing to delete (another transaction deleted it first). */
export async function deleteBinding(db: Db, chatId: string, purpose: string): Promise<boolean> {
  return (await db.chatBinding.deleteMany({ where: { chatId, purpose } })).count > 0;
}
