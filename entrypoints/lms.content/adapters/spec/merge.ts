import type { AdapterSpec, PageSpec } from './types';

/**
 * An admin's adapter config over a built-in spec: every field given replaces the built-in one,
 * objects merge field by field, arrays are replaced whole, and `pages` merge by `name` (a page
 * with a new name is tried before the built-in ones, so an admin's route wins).
 */
export function mergeSpec(base: AdapterSpec, override: Partial<AdapterSpec>): AdapterSpec {
  const merged = deepMerge(base, { ...override, pages: undefined }) as AdapterSpec;
  if (override.pages) merged.pages = mergePages(base.pages, override.pages);
  return merged;
}

function mergePages(base: readonly PageSpec[], overrides: readonly Partial<PageSpec>[]): PageSpec[] {
  const byName = new Map(overrides.map((page) => [page.name, page]));
  const added = overrides.filter((page) => !base.some((known) => known.name === page.name)) as PageSpec[];
  return [...added, ...base.map((page) => (byName.has(page.name) ? (deepMerge(page, byName.get(page.name)!) as PageSpec) : page))];
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    // JSON from policy: a `__proto__` key must not reach an object's prototype.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (value !== undefined) result[key] = deepMerge(base[key], value);
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
