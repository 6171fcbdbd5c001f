import type { PageKind } from '../types';

/**
 * The data format of an adapter: URL patterns, selectors and identity templates. Built-in vendor
 * adapters are written in it (`<vendor>/spec.ts`) and admins write the same JSON in policy, so one
 * interpreter (`interpret.ts`) serves both and an admin can override a single field of a built-in
 * adapter. Plain JSON-compatible types and no zod: this ships in the content script. The admin
 * side's validator is `server/contract/adapter-config.ts`. The mini-language is in README.md.
 */
export interface AdapterSpec {
  /** Adapter id, also the `<lms>` of every ItemKey it makes: `canvas`, `openedx` ... */
  id: string;
  /** Vendor hosts: exact (`app.learn.wiki`) or a suffix (`*.instructure.com`). A match picks the
   * adapter before any page is read. */
  hosts?: string[];
  /** For custom domains: any source here that reads something (`#application.ic-app`) marks the
   * page as this LMS's. Asked after every adapter's hosts. */
  fingerprints?: Source[];
  /** Routes live in the fragment (`#/online-courses/<id>`): match URL patterns against it too. */
  hashRoutes?: boolean;
  /** Tried in order; the first whose `url` matches names the page. */
  pages: PageSpec[];
}

export interface PageSpec {
  /** Unique within the adapter; an admin's page with the same name overrides this one's fields. */
  name: string;
  /**
   * A regular expression (JS syntax, `(?i)` prefix for case-insensitive) matched against the
   * path and query (and fragment with `hashRoutes`). Named groups become template variables; a
   * group named `base` is the install's sub-path, part of the ItemKey site.
   */
  url: string;
  kind: PageKind;
  /** More template variables, read from the document: the first source that reads something. */
  vars?: Record<string, Source[]>;
  /** The page's own item. */
  item?: ItemSpec;
  /** Tiles: every element of the page that should carry a badge. */
  tiles?: TileSpec[];
}

export interface ItemSpec {
  /** Item kind in the ItemKey: `course`, `assignment`, `lo` ... */
  kind: string;
  /** Identity template over the variables: `{course}`, `{loid|lower}`. */
  id: string;
  /** Sources of the title, first non-empty wins. */
  title: Source[];
  parent?: { kind: string; id: string };
  /** Where the widget goes: right after the first element found. */
  anchor?: string[];
  completed?: CompletionSpec;
}

export interface TileSpec {
  /** The tile elements (`>>>` pierces shadow roots). */
  selector: string;
  kind: string;
  /** Sources of the id, read inside the tile; a pattern's group `id` (else group 1) is the id. */
  id: Source[];
  /** Optional identity template over the id pattern's named groups (`{org}+{num}`). */
  idTemplate?: string;
  title: Source[];
  /** The element inside the tile the badge goes after; default: appended to the tile. */
  anchor?: string[];
  completed?: CompletionSpec;
}

/** Completion as the page shows it: the element itself or something inside it matches. */
export interface CompletionSpec {
  /** Matches → completed. */
  done?: string;
  /** Matches → tracked and not completed. Neither matches → the page does not say. */
  todo?: string;
}

/**
 * A value read from the page: `selector` (its text), `selector@attr`, `@attr` (the tile's own),
 * `$title`, `$url`, `$meta:<property or name>`, `$global:<Object>.<key>` (inline script text),
 * `$jsonld:<key>`; with a `pattern`, the match's group `id` or 1.
 */
export type Source = string | { from: string; pattern: string };
