import type { ItemKey } from '../../../server/contract/item-key';

/**
 * The interface every LMS adapter implements. Adapters are pure: functions of `(url, document)`
 * with no UI, no messaging and no `browser.*`, so they can be tested on saved real pages.
 */

export type PageKind = 'course' | 'section' | 'activity' | 'listing' | 'dashboard' | 'other';
/** Moodle: `course`, `activity`; other LMSs name theirs (`assignment`, `lo`, `unit` ...). */
export type ItemKind = string;

export interface LmsItem {
  key: ItemKey;
  kind: ItemKind;
  /** The LMS's own id of the item (Moodle course id or cmid), as text. */
  lmsId: string;
  title: string;
  /** The enclosing item, e.g. an activity's course. */
  parent?: ItemKey;
  /** Sub-type where the LMS has one, e.g. Moodle's module name (`quiz`, `page`). */
  type?: string;
}

/** Where a widget goes: relative to an element of the host page. */
export interface Anchor {
  element: Element;
  position: 'append' | 'prepend' | 'before' | 'after';
}

export interface Tile {
  item: LmsItem;
  anchor: Anchor;
  /** Completion as the page shows it, when it shows it. */
  completed?: boolean;
  /**
   * Progress through the item in percent (0–100), when the page shows it: Moodle's course cards show
   * the share of tracked activities done, which is not the same as the course being completed.
   */
  progress?: number;
}

export interface PageModel {
  adapter: string;
  /** host[:port] plus any sub-path install, as used in ItemKeys. */
  site: string;
  kind: PageKind;
  /** The page's own item (course page → the course, activity page → the activity). */
  item: LmsItem | null;
  /** Where the page's item widget goes, next to the page heading. */
  headerAnchor: Anchor | null;
  /** Every tile or row on the page that should carry a badge. */
  tiles: Tile[];
  /** Whether the learner completed the page's own item, when the page shows it. */
  completed?: boolean;
}

export interface LmsAdapter {
  id: string;
  /** Cheap check: is this page served by this LMS? */
  matches(url: URL, doc: Document): boolean;
  /** Is this a host the vendor serves from? Asked of every adapter before any `matches`. */
  matchesHost?(url: URL): boolean;
  /** Reads the page; null when the markup is not what the adapter understands. Never throws. */
  read(url: URL, doc: Document): PageModel | null;
}
