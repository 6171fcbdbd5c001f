import { z } from 'zod';

/**
 * The admin's adapter configs (policy `adapters`, or `inspect --adapters <file>`), checked before
 * they reach the content script's interpreter (entrypoints/lms.content/adapters/spec/types.ts,
 * which stays zod-free for size). Every field but `id` is optional so a config can override one
 * field of a built-in adapter; a config with a new id must bring its `pages`.
 */
const PAGE_KINDS = ['course', 'section', 'activity', 'listing', 'dashboard', 'other'] as const;
const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** A JS regular expression, optionally prefixed `(?i)`; must compile. */
const pattern = z
  .string()
  .max(2000)
  .refine((text) => {
    try {
      new RegExp(text.startsWith('(?i)') ? text.slice(4) : text);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

const selector = z.string().min(1).max(1000);
const source = z.union([z.string().min(1).max(1000), z.object({ from: z.string().min(1).max(1000), pattern }).strict()]);
const template = z.string().min(1).max(200);
const completion = z.object({ done: selector.optional(), todo: selector.optional() }).strict();

const item = z
  .object({
    kind: z.string().regex(NAME),
    id: template,
    title: z.array(source).min(1).max(20),
    parent: z.object({ kind: z.string().regex(NAME), id: template }).strict().optional(),
    anchor: z.array(selector).max(20).optional(),
    completed: completion.optional(),
  })
  .strict();

const tile = z
  .object({
    selector,
    kind: z.string().regex(NAME),
    id: z.array(source).min(1).max(20),
    idTemplate: template.optional(),
    title: z.array(source).min(1).max(20),
    anchor: z.array(selector).max(20).optional(),
    completed: completion.optional(),
  })
  .strict();

const page = z
  .object({
    name: z.string().min(1).max(64),
    url: pattern,
    kind: z.enum(PAGE_KINDS),
    vars: z.record(z.string().regex(/^[A-Za-z_]\w*$/), z.array(source).max(20)).optional(),
    item: item.optional(),
    tiles: z.array(tile).max(50).optional(),
  })
  .strict();

/** Page fields, and the item's, are all optional in an override (merged by `name` into the
 * built-in page); tiles, being a list, are replaced whole and so must be complete. */
const pageOverride = page.extend({ item: item.partial().optional() }).partial().required({ name: true });

const host = z.string().regex(/^(?:\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'a host name or *.suffix');

export const adapterConfigSchema = z
  .object({
    id: z.string().regex(NAME),
    hosts: z.array(host).max(100).optional(),
    fingerprints: z.array(source).max(20).optional(),
    hashRoutes: z.boolean().optional(),
    pages: z.array(pageOverride).max(100).optional(),
    /** Moodle and Totara: named selectors of the Moodle adapter to replace. */
    selectors: z.record(z.string(), z.union([selector, z.array(selector).min(1).max(20)])).optional(),
  })
  .strict();

/** Chrome's managed-storage schema needs an object at the top: `{ "adapters": [...] }`. */
export const adapterConfigFileSchema = z.object({ adapters: z.array(adapterConfigSchema).max(100) }).strict();

export type AdapterConfigInput = z.infer<typeof adapterConfigSchema>;

/** A config with a new id (not a built-in one) must describe its pages in full. */
export function checkNewAdapter(config: AdapterConfigInput, builtInIds: ReadonlySet<string>): string | null {
  if (builtInIds.has(config.id)) return null;
  if (!config.pages?.length) return `adapter "${config.id}" is not built in, so it needs "pages"`;
  const incomplete = config.pages.find((entry) => page.safeParse(entry).success === false);
  if (incomplete) return `adapter "${config.id}": page "${incomplete.name}" needs "url" and "kind"`;
  if (!config.hosts?.length && !config.fingerprints?.length) return `adapter "${config.id}" needs "hosts" or "fingerprints"`;
  return null;
}
