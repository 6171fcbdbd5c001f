import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/shared-fixtures';

/**
 * Keeps the architecture of docs/design.md true: who may import whom. A value import pulls code
 * into a bundle; `import type` only names a shape, so some rules allow types where they forbid
 * values (the content script may know the AppRouter's types, never its code).
 */

interface ImportEdge {
  from: string;
  specifier: string;
  /** Repo-relative path for relative imports, else the package name. */
  target: string;
  typeOnly: boolean;
}

interface Rule {
  /** Files the rule applies to (repo-relative prefix). */
  scope: string;
  /** Allowed targets for value imports: repo-relative prefixes or package names. */
  allow: string[];
  /** Allowed targets for type-only imports, on top of `allow`. */
  allowTypes?: string[];
}

const RULES: Rule[] = [
  { scope: 'server/contract/', allow: ['server/contract/', 'zod'], allowTypes: ['server/routers/_app'] },
  {
    scope: 'server/',
    allow: ['server/', 'node:', '@trpc/server', 'zod', 'fastify', '@fastify/', 'kysely', 'better-sqlite3', 'pg', 'jose'],
  },
  {
    scope: 'entrypoints/lms.content/adapters/',
    allow: ['entrypoints/lms.content/adapters/', 'server/contract/item-key'],
    allowTypes: ['server/contract/'],
  },
  {
    // The content script: small, and never near tokens or the network. Its widgets are plain DOM
    // (components/widgets/): Preact, like everything opened on demand, stays out of it.
    scope: 'entrypoints/lms.content/',
    allow: [
      'entrypoints/lms.content/',
      'components/widgets/',
      'components/widget-styles',
      'components/failure-text',
      'entrypoints/background/protocol',
      'entrypoints/item-panel.content/panel-module',
      'server/contract/item-key',
      'server/contract/limits',
      'server/contract/rating-math',
      'wxt/',
    ],
    allowTypes: ['server/contract/', 'components/'],
  },
  {
    scope: 'entrypoints/background/',
    // components/base64: the one pure helper both ends of a file transfer share.
    allow: ['entrypoints/background/', 'server/contract/', 'components/base64', 'wxt/', 'dexie', '@trpc/client', 'zod'],
    allowTypes: ['server/contract/'],
  },
  {
    scope: 'entrypoints/options/',
    allow: ['entrypoints/options/', 'components/', 'entrypoints/background/protocol', 'preact', 'wxt/'],
    allowTypes: ['server/contract/'],
  },
  // Components get services injected (panel-api.ts), so they may name the protocol's types, never call it.
  {
    // The cloud vendors' content script: the same start, other adapters.
    scope: 'entrypoints/vendor.content/',
    allow: ['entrypoints/vendor.content/', 'entrypoints/lms.content/start', 'entrypoints/lms.content/adapters/', 'entrypoints/lms.content/cloud-matches', 'wxt/'],
  },
  {
    // The on-demand panel script: the panel components plus the content script's link to the background.
    scope: 'entrypoints/item-panel.content/',
    allow: ['entrypoints/item-panel.content/', 'components/', 'entrypoints/lms.content/panel-api', 'entrypoints/lms.content/matches', 'entrypoints/lms.content/cloud-matches', 'preact', 'wxt/'],
    allowTypes: ['server/contract/'],
  },
  {
    scope: 'entrypoints/sidepanel/',
    allow: ['entrypoints/sidepanel/', 'components/', 'entrypoints/background/protocol', 'preact', 'wxt/'],
    allowTypes: ['server/contract/'],
  },
  { scope: 'components/', allow: ['components/', 'preact', 'server/contract/limits'], allowTypes: ['server/contract/', 'entrypoints/background/protocol'] },
  // The widgets every LMS page carries: no UI library, nothing but themselves.
  { scope: 'components/widgets/', allow: ['components/widgets/'], allowTypes: ['components/i18n'] },
];

const SOURCE_ROOTS = ['server', 'entrypoints', 'components'];
const IMPORT_PATTERN = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function importsOf(file: string): ImportEdge[] {
  const from = path.relative(REPO_ROOT, file);
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT_PATTERN)].map((match) => {
    const specifier = match[3]!;
    const target = specifier.startsWith('.') ? path.relative(REPO_ROOT, path.resolve(path.dirname(file), specifier)) : specifier;
    return { from, specifier, target, typeOnly: match[2] !== undefined };
  });
}

/** `server/contract/` allows the folder itself (`../server/contract`) and everything inside it. */
function matchesPrefix(target: string, prefix: string): boolean {
  return target === prefix.replace(/\/$/, '') || target.startsWith(prefix);
}

const edges = SOURCE_ROOTS.flatMap((root) => sourceFiles(path.join(REPO_ROOT, root))).flatMap(importsOf);

describe('import direction (docs/design.md)', () => {
  it('finds the code it checks', () => {
    expect(edges.length).toBeGreaterThan(20);
  });

  it.each(RULES.map((rule) => [rule.scope, rule] as const))('%s imports only what it may', (_scope, rule) => {
    // The most specific rule wins: lms.content/adapters/ is not judged by the lms.content/ rule.
    const moreSpecific = RULES.filter((other) => other !== rule && other.scope.startsWith(rule.scope));
    const inScope = edges.filter(
      (edge) => edge.from.startsWith(rule.scope) && !moreSpecific.some((other) => edge.from.startsWith(other.scope)),
    );
    const violations = inScope
      .filter((edge) => {
        const allowed = edge.typeOnly ? [...rule.allow, ...(rule.allowTypes ?? [])] : rule.allow;
        return !allowed.some((prefix) => matchesPrefix(edge.target, prefix));
      })
      .map((edge) => `${edge.from} → ${edge.specifier}${edge.typeOnly ? ' (type)' : ''}`);
    expect(violations).toEqual([]);
  });
});
