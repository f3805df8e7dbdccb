import type { Tx } from '../../../db/client.js';

/** Empties the directory, children first (demo:reset, through the object registry). */
export async function clearDirectoryTables(tx: Tx): Promise<void> {
  await tx.chatBinding.deleteMany();
  await tx.roleGrant.deleteMany();
  await tx.person.deleteMany();
  await tx.unit.deleteMany();
}
