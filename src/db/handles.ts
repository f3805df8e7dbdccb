/**
 * The database handles a use case, job or platform piece may hold: the client, to open a transaction,
 * and the transaction, to hand to repositories so that their writes commit together. Holding a handle
 * is not querying: queries are written only in repositories, read models, queries and platform stores
 * (eslint.config.js: the `prisma` boundary and the no-db-calls rule).
 */
export type { PrismaClient, Tx } from './client.js';
