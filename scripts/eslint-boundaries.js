// The `sanban/boundaries` ESLint rule: import boundaries declared as a table in eslint.config.js.
// Each import (static, `export … from`, dynamic `import()`, type-only `import('…').T`) is resolved to a
// repository path (relative specifiers) or kept as a package name, then checked against every boundary:
//   { id, modules: [globs], allowIn: [globs] }   only files matching allowIn may import those modules;
//   { id, modules: [globs], forbidIn: [globs] }  files matching forbidIn may not import them.
// And between features: a file under <features>/A/ may import <features>/B/ only through B's index.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';

const cache = new Map();

/** A glob (`**`, `*`, `{a,b}`) as a regular expression over repository-relative paths with `/`. */
function globToRegExp(glob) {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      depth++;
    } else if (c === '}') {
      re += ')';
      depth--;
    } else if (c === ',' && depth > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function matchesAny(p, globs) {
  return (globs ?? []).some((g) => {
    let re = cache.get(g);
    if (!re) cache.set(g, (re = globToRegExp(g)));
    return re.test(p);
  });
}

const toPosix = (p) => p.split(path.sep).join('/');

/** `../db/client.js` from src/features/x/y.ts → `src/db/client.ts`; a package stays its name; outside the repo → undefined. */
function resolveSpecifier(spec, fromFile, root) {
  if (!spec.startsWith('.') && !spec.startsWith('/')) return { kind: 'package', name: spec };
  let abs = path.resolve(path.dirname(fromFile), spec);
  if (/\.[cm]?js$/.test(abs)) {
    const ts = abs.replace(/\.([cm]?)js$/, '.$1ts');
    if (existsSync(ts)) abs = ts;
  } else if (!path.extname(abs)) {
    for (const candidate of [`${abs}.ts`, path.join(abs, 'index.ts')]) if (existsSync(candidate)) abs = candidate;
  }
  const rel = toPosix(path.relative(root, abs));
  if (rel.startsWith('..')) return undefined;
  return { kind: 'file', name: rel };
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Import boundaries between layers and features (see eslint.config.js)' },
    schema: [
      {
        type: 'object',
        properties: {
          boundaries: { type: 'array' },
          features: { type: 'string' },
          allowTestsAcrossFeatures: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      boundary: '[{{id}}] "{{spec}}" may not be imported here: {{message}}.',
      feature: '[feature-index] "{{spec}}" reaches into feature "{{other}}": import it through src/features/{{other}}/index.ts.',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const root = context.cwd;
    const file = toPosix(path.relative(root, context.filename));
    const isTest = /\.test\.[cm]?[jt]s$/.test(file);
    const featuresDir = options.features ? `${options.features.replace(/\/$/, '')}/` : undefined;
    const featureOf = (p) => (featuresDir && p.startsWith(featuresDir) ? p.slice(featuresDir.length).split('/') : undefined);
    const own = featureOf(file);

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const target = resolveSpecifier(spec, context.filename, root);
      if (!target) return;
      for (const b of options.boundaries ?? []) {
        if (!matchesAny(target.name, b.modules)) continue;
        const violates = b.allowIn ? !matchesAny(file, b.allowIn) : matchesAny(file, b.forbidIn);
        if (violates) context.report({ node, messageId: 'boundary', data: { id: b.id, spec, message: b.message } });
      }
      if (target.kind !== 'file' || !own || own.length < 2) return;
      const other = featureOf(target.name);
      if (!other || other.length < 2 || other[0] === own[0]) return;
      if (other.length === 2 && other[1] === 'index.ts') return;
      if (isTest && options.allowTestsAcrossFeatures) return;
      context.report({ node, messageId: 'feature', data: { spec, other: other[0] } });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        // typescript-eslint 8 names the string `source`; older versions `argument` (a literal type).
        const arg = node.source ?? node.argument?.literal;
        if (arg?.type === 'Literal') check(node, arg.value);
      },
      TSImportEqualsDeclaration: (node) => node.moduleReference?.expression?.type === 'Literal' && check(node, node.moduleReference.expression.value),
    };
  },
};

export default { meta: { name: 'sanban' }, rules: { boundaries: rule } };
