import { formatItemKey } from '../../../../server/contract/item-key';
import type { ItemKey } from '../../../../server/contract/item-key';
import type { LmsItem } from '../types';

/**
 * Builds the page's items with their ItemKeys: `moodle:<site>:course:<id>`,
 * `moodle:<site>:section:<section db id>`, `moodle:<site>:activity:<cmid>`. Every builder returns
 * null for a missing or non-numeric id or an empty title, so one malformed tile is skipped rather
 * than throwing or producing a wrong key.
 */
export interface MoodleKeys {
  courseKey(id: string | null): ItemKey | null;
  course(id: string | null, title: string): LmsItem | null;
  section(id: string | null, title: string, parent: ItemKey | null): LmsItem | null;
  activity(cmid: string | null, title: string, moduleType: string | null, parent: ItemKey | null): LmsItem | null;
}

const NUMERIC_ID = /^[1-9]\d{0,17}$/;

export function moodleKeys(site: string): MoodleKeys {
  const key = (kind: string, id: string | null): ItemKey | null =>
    id !== null && NUMERIC_ID.test(id) ? formatItemKey({ lms: 'moodle', site, kind, id }) : null;

  const item = (kind: LmsItem['kind'], id: string | null, title: string): LmsItem | null => {
    const itemKey = key(kind, id);
    return itemKey && title ? { key: itemKey, kind, lmsId: id!, title } : null;
  };

  return {
    courseKey: (id) => key('course', id),
    course: (id, title) => item('course', id, title),
    section: (id, title, parent) => withParent(item('section', id, title), parent),
    activity: (cmid, title, moduleType, parent) => {
      const activity = withParent(item('activity', cmid, title), parent);
      if (activity && moduleType) activity.type = moduleType;
      return activity;
    },
  };
}

function withParent(item: LmsItem | null, parent: ItemKey | null): LmsItem | null {
  if (item && parent) item.parent = parent;
  return item;
}
