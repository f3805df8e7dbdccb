import type { PrismaClient, Tx } from '../../../db/client.js';

/** The briefs feature's Prisma access goes through these handles (repositories/ only). */
export type Db = PrismaClient | Tx;
export type { PrismaClient, Tx };
