import { parseItemKey } from '../../server/contract/item-key';

/**
 * Where an item lives in its LMS, for links on shelves and "also took" lists, when its key says
 * enough: Moodle and Totara courses (`<site>/course/view.php?id=N`). Other items are shown without
 * a link rather than with a guessed one.
 */
export function itemUrl(key: string): string | undefined {
  const parts = parseItemKey(key);
  if (!parts || (parts.lms !== 'moodle' && parts.lms !== 'totara') || parts.kind !== 'course') return undefined;
  return `${location.protocol}//${parts.site}/course/view.php?id=${encodeURIComponent(parts.id)}`;
}
