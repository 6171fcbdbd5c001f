import { formatItemKey } from '../../../../server/contract/item-key';
import type { ItemKey } from '../../../../server/contract/item-key';
import type { LmsItem } from '../types';

/**
 * Builds the page's items with their ItemKeys: `moodle:<site>:course:<id>` and
 * `moodle:<site>:activity:<cmid>`, the only two Moodle item kinds (a section page's item is its
 * course: a section is a part of the course's page, not something learners rate apart). Every builder returns
 * null for a missing or non-numeric id or an empty title, so one malformed tile is skipped rather
 * than throwing or producing a wrong key.
 */
export interface MoodleKeys {
  courseKey(id: string | null): ItemKey | null;
  course(id: string | null, title: string): LmsItem | null;
  activity(cmid: string | null, title: string, moduleType: string | null, parent: ItemKey | null): LmsItem | null;
}

const NUMERIC_ID = /^[1-9]\d{0,17}$/;

export function moodleKeys(site: string, lms = 'moodle'): MoodleKeys {
  const key = (kind: string, id: string | null): ItemKey | null =>
    id !== null && NUMERIC_ID.test(id) ? formatItemKey({ lms, site, kind, id }) : null;

  const item = (kind: LmsItem['kind'], id: string | null, title: string): LmsItem | null => {
    const itemKey = key(kind, id);
    return itemKey && title ? { key: itemKey, kind, lmsId: id!, title } : null;
  };

  return {
    courseKey: (id) => key('course', id),
    course: (id, title) => item('course', id, title),
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
