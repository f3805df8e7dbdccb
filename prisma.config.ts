import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma 6.19 with its JavaScript schema engine and driver adapters runs offline (no engine download).
// The bot applies migrations itself at start (src/db/migrate.ts); the CLI is used to generate the
// clients and to write migration SQL (scripts/prisma.mjs). Prisma reads no .env once a config file
// exists, so the URL gets a default here.
process.env.DATABASE_URL ??= 'file:./data/sanban.db';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  async adapter() {
    const url = process.env.DATABASE_URL!;
    if (url.startsWith('postgres')) {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSQLite3({ url });
  },
});
