import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
// @ts-expect-error: a plain-JS ESLint plugin without type declarations
import boundaries from '../../scripts/eslint-boundaries.js';
// @ts-expect-error: the flat config is plain JS
import config from '../../eslint.config.js';

/**
 * The import boundaries (eslint.config.js) as the `sanban/boundaries` rule applies them: each boundary
 * refuses the import it names in a file outside its allowed places, and lets the allowed places through.
 */
RuleTester.describe = describe;
RuleTester.it = it;

const root = path.resolve(import.meta.dirname, '../..');
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const entry = (config as { name?: string; rules?: Record<string, unknown> }[]).find((c) => c.name === 'sanban/boundaries');
const options = (entry!.rules!['sanban/boundaries'] as [string, object])[1];
const at = (file: string) => path.join(root, file);
const rule = (boundaries as { rules: { boundaries: never } }).rules.boundaries;

tester.run('sanban/boundaries', rule, {
  valid: [
    { filename: at('src/features/supervision/repository.ts'), code: "import type { Tx } from '../../db/client.js';", options: [options] },
    { filename: at('src/features/supervision/queries.ts'), code: "import type { Prisma } from '../../db/generated/sqlite/index.js';", options: [options] },
    { filename: at('src/platform/outbox/outbox.ts'), code: "import type { Tx } from '../../db/client.js';", options: [options] },
    { filename: at('src/adapters/lark-client.ts'), code: "import * as lark from '@larksuiteoapi/node-sdk';", options: [options] },
    { filename: at('src/adapters/cron-scheduler.ts'), code: "import cron from 'node-cron';", options: [options] },
    { filename: at('src/router/router.ts'), code: "import type { OutboxItem } from '../ports/outbox.js';", options: [options] },
    { filename: at('src/features/supervision/commands.ts'), code: "import { actorOf } from '../org/index.js';", options: [options] },
    { filename: at('src/features/supervision/presenters/item-card.ts'), code: "import { ROLES } from '../../org/index.js';", options: [options] },
    { filename: at('src/features/supervision/commands.ts'), code: "import { itemFilter } from './item-filter.js';", options: [options] },
    { filename: at('src/features/org/index.ts'), code: "import type { FeatureDeps } from '../deps.js';", options: [options] },
  ],
  invalid: [
    {
      filename: at('src/features/supervision/presenters/item-card.ts'),
      code: "import { PrismaClient } from '../../../db/client.js';",
      options: [options],
      errors: [{ message: /^\[prisma\]/ }],
    },
    {
      filename: at('src/features/supervision/domain/states.ts'),
      code: "import type { Prisma } from '../../../db/generated/sqlite/index.js';",
      options: [options],
      errors: [{ message: /^\[prisma\]/ }],
    },
    { filename: at('src/cards/elements.ts'), code: "import { PrismaClient } from '@prisma/client';", options: [options], errors: [{ message: /^\[prisma\]/ }] },
    { filename: at('src/router/router.ts'), code: "type T = import('../db/client.js').Tx;", options: [options], errors: [{ message: /^\[prisma\]/ }] },
    {
      filename: at('src/features/supervision/commands.ts'),
      code: "import * as lark from '@larksuiteoapi/node-sdk';",
      options: [options],
      errors: [{ message: /^\[lark-sdk\]/ }],
    },
    { filename: at('src/platform/scheduler/scheduler.ts'), code: "import cron from 'node-cron';", options: [options], errors: [{ message: /^\[node-cron\]/ }] },
    {
      filename: at('src/router/types.ts'),
      code: "import type { OutboxItem } from '../platform/outbox/outbox.js';",
      options: [options],
      errors: [{ message: /^\[router-platform\]/ }],
    },
    {
      filename: at('src/features/supervision/commands.ts'),
      code: "import { loadActor } from '../org/actor.js';",
      options: [options],
      errors: [{ message: /^\[feature-index\]/ }],
    },
    {
      filename: at('src/features/admin/commands.ts'),
      code: "export { ROLES } from '../org/roles.js';",
      options: [options],
      errors: [{ message: /^\[feature-index\]/ }],
    },
    {
      filename: at('src/features/admin/jobs.ts'),
      code: "const m = await import('../supervision/repository.js');",
      options: [options],
      errors: [{ message: /^\[feature-index\]/ }],
    },
    {
      filename: at('src/features/org/index.ts'),
      code: "import type { FeatureDeps } from '../index.js';",
      options: [options],
      errors: [{ message: /^\[feature-registry\]/ }],
    },
  ],
});

describe('the repository lint config', () => {
  const eslint = new ESLint({ cwd: root });
  const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: at(file) }))[0]!.messages.map((m) => `${m.ruleId}: ${m.message}`);

  it('refuses the Prisma client and database calls in a presenter', async () => {
    const messages = await lint(
      'src/features/supervision/presenters/item-card.ts',
      "import type { PrismaClient } from '../../../db/client.js';\nexport const count = (deps: { prisma: PrismaClient }) => deps.prisma.supervisionItem.count();\n",
    );
    expect(messages).toEqual([
      expect.stringMatching(/^sanban\/boundaries: \[prisma\] "\.\.\/\.\.\/\.\.\/db\/client\.js" may not be imported here/),
      'no-restricted-syntax: no database access here: call a repository / read-model function',
    ]);
  });

  it('lets a use case hold a transaction and call repositories, but not write a query', async () => {
    const ok = await lint(
      'src/features/supervision/use-cases/act-on-item.ts',
      "import type { PrismaClient, Tx } from '../../../db/handles.js';\nimport { readItem } from '../repository.js';\nexport const run = (prisma: PrismaClient) => prisma.$transaction((tx: Tx) => readItem(tx, 'x'));\n",
    );
    expect(ok).toEqual([]);
    const query = await lint(
      'src/features/supervision/use-cases/act-on-item.ts',
      "import type { Tx } from '../../../db/handles.js';\nexport const run = (tx: Tx) => tx.supervisionItem.findMany();\n",
    );
    expect(query).toEqual(['no-restricted-syntax: no database access here: call a repository / read-model function']);
    const client = await lint(
      'src/features/supervision/jobs/chase.ts',
      "import type { PrismaClient } from '../../../db/client.js';\nexport type P = PrismaClient;\n",
    );
    expect(client).toEqual([expect.stringMatching(/^sanban\/boundaries: \[prisma\]/)]);
  });

  it('keeps database handles out of presenters', async () => {
    const messages = await lint('src/features/supervision/presenters/item-card.ts', "import type { Tx } from '../../../db/handles.js';\nexport type T = Tx;\n");
    expect(messages).toEqual([expect.stringMatching(/^sanban\/boundaries: \[db-handle\]/)]);
  });

  it('lets a repository use the Prisma client', async () => {
    const messages = await lint(
      'src/features/supervision/repository.ts',
      "import type { PrismaClient } from '../../db/client.js';\nexport const count = (prisma: PrismaClient) => prisma.supervisionItem.count();\n",
    );
    expect(messages).toEqual([]);
  });
});
