import type { PrismaClient, Tx } from '../../../db/handles.js';
import { isUniqueViolation } from '../../../db/receipts.js';
import { recordAudit } from '../../../platform/audit.js';
import { createBinding, deleteBinding, findBinding, listBindingsForChat, listChatsForPurpose } from '../repositories/bindings.js';
import { PURPOSES, type Purpose } from '../purposes.js';

export interface BindingChange {
  actor: string;
  chatId: string;
  purpose: Purpose;
  at: Date;
}

/**
 * Makes the chat serve the purpose; false when it already did. The insert is the check: when two admins
 * bind at once, the unique key refuses the second (its transaction is rolled back, nothing audited).
 */
export async function bindChat(prisma: PrismaClient, c: BindingChange): Promise<boolean> {
  try {
    return await prisma.$transaction(async (tx) => {
      if (await findBinding(tx, c.chatId, c.purpose)) return false;
      const binding = await createBinding(tx, { chatId: c.chatId, purpose: c.purpose, createdBy: c.actor });
      await recordAudit(tx, { actor: c.actor, objectType: 'chat_binding', objectId: c.chatId, action: 'bind', after: binding, at: c.at });
      return true;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Stops the chat serving the purpose; false when it did not. */
export async function unbindChat(prisma: PrismaClient, c: BindingChange): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const binding = await findBinding(tx, c.chatId, c.purpose);
    // The delete is the check: of two admins unbinding at once, only the one that deleted the row audits.
    if (!binding || !(await deleteBinding(tx, c.chatId, c.purpose))) return false;
    await recordAudit(tx, { actor: c.actor, objectType: 'chat_binding', objectId: c.chatId, action: 'unbind', before: binding, at: c.at });
    return true;
  });
}

export async function listBindings(prisma: PrismaClient, chatId: string): Promise<Purpose[]> {
  const purposes = new Set((await listBindingsForChat(prisma, chatId)).map((b) => b.purpose));
  return PURPOSES.filter((p) => purposes.has(p));
}

/** The chats bound to a purpose, oldest binding first (e.g. where supervision posts its notices). */
export async function chatsForPurpose(prisma: PrismaClient | Tx, purpose: Purpose): Promise<string[]> {
  return (await listChatsForPurpose(prisma, purpose)).map((b) => b.chatId);
}
