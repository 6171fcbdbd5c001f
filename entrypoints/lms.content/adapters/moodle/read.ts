import type { ItemKey } from '../../../../server/contract/item-key';
import type { Anchor, LmsItem, PageKind, PageModel } from '../types';
import { readCompletion, readCourseIndexCompletion } from './completion';
import { readMoodleConfig } from './config';
import {
  findActivityTitleHeading,
  findHeaderAnchor,
  readActivityTitle,
  readCourseTitle,
  readEnclosingCourseTitle,
} from './heading';
import { readPageIdentity } from './identity';
import type { PageIdentity } from './identity';
import { moodleKeys } from './keys';
import type { MoodleKeys } from './keys';
import { readPageKind } from './page-kind';
import { moodleSelectors } from './selectors';
import { readTiles } from './tiles';
import { readSiteFromUrl, readSiteFromWwwroot } from './urls';

/**
 * Reads a Moodle page into a PageModel: the site, the page kind, the page's own item with where its
 * widget goes, and the tiles. Null when the page has no usable site (not http(s)). `lms` names
 * the keys' LMS: Totara serves Moodle's own course and activity pages.
 */
export function readMoodlePage(url: URL, doc: Document, lms = 'moodle'): PageModel | null {
  const body = doc.body;
  if (!body) return null;
  const config = readMoodleConfig(doc);
  // `M.cfg.wwwroot` is Moodle's own statement of the install root; the URL is the fallback.
  const site = (config?.wwwroot && readSiteFromWwwroot(config.wwwroot)) || readSiteFromUrl(url);
  if (!site) return null;

  const identity = readPageIdentity(url, doc, body, config);
  const kind = readPageKind(url, body, identity);
  const keys = moodleKeys(site, lms);
  const courseKey = keys.courseKey(identity.courseId);
  const own = readOwnItem(doc, kind, identity, keys, courseKey);

  const page: PageModel = {
    adapter: lms,
    site,
    kind,
    item: own?.item ?? null,
    headerAnchor: own?.anchor ?? null,
    tiles: kind === 'activity' ? [] : readTiles(doc, keys, courseKey),
  };
  if (own?.completed !== undefined) page.completed = own.completed;
  return page;
}

interface OwnItem {
  item: LmsItem;
  anchor: Anchor | null;
  completed?: boolean;
}

function readOwnItem(
  doc: Document,
  kind: PageKind,
  identity: PageIdentity,
  keys: MoodleKeys,
  courseKey: ItemKey | null,
): OwnItem | null {
  switch (kind) {
    case 'course': {
      const item = keys.course(identity.courseId, readCourseTitle(doc));
      return item && { item, anchor: findHeaderAnchor(doc, null) };
    }
    case 'section': {
      // A section page is about its course: Moodle items are courses and activities only.
      const item = keys.course(identity.courseId, readEnclosingCourseTitle(doc));
      return item && { item, anchor: findHeaderAnchor(doc, null) };
    }
    case 'activity': {
      const item = keys.activity(identity.cmid, readActivityTitle(doc), identity.moduleType, courseKey);
      if (!item) return null;
      const own: OwnItem = { item, anchor: findHeaderAnchor(doc, findActivityTitleHeading(doc)) };
      const completed = readOwnActivityCompletion(doc, item.lmsId);
      if (completed !== undefined) own.completed = completed;
      return own;
    }
    default:
      return null;
  }
}

/** The activity's completion in its header (4.0+), else in the course index drawer. */
function readOwnActivityCompletion(doc: Document, cmid: string): boolean | undefined {
  const header = doc.querySelector(moodleSelectors.activityHeader);
  return (header ? readCompletion(header) : undefined) ?? readCourseIndexCompletion(doc, cmid);
}
