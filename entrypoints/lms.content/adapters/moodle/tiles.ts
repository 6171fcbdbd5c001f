import type { LmsItem, Tile } from '../types';
import { readCompletion, readCourseIndexCompletion } from './completion';
import type { MoodleKeys } from './keys';
import { moodleSelectors } from './selectors';
import { cleanText, decodeHtmlEntities, truncateAtWord, visibleText } from './text';

/**
 * The tiles of a page: every course card, course box or activity row that should carry a badge.
 * Each tile is keyed by the id Moodle writes on it; a tile whose id or name cannot be read is
 * skipped, and a key seen twice keeps its first tile (the same course can be both in "Recently
 * accessed" and in "Course overview").
 */
export function readTiles(doc: Document, keys: MoodleKeys, courseKey: string | null): Tile[] {
  const tiles = new Map<string, Tile>();
  const add = (tile: Tile | null): void => {
    if (tile && !tiles.has(tile.item.key)) tiles.set(tile.item.key, tile);
  };
  for (const card of Array.from(doc.querySelectorAll(moodleSelectors.courseCard))) add(readCourseCard(card, keys));
  for (const box of Array.from(doc.querySelectorAll(moodleSelectors.courseBox))) add(readCourseBox(box, keys));
  const main = doc.querySelector(moodleSelectors.mainRegion) ?? doc;
  for (const row of Array.from(main.querySelectorAll(moodleSelectors.activityRow))) {
    add(readActivityRow(row, doc, keys, courseKey));
  }
  return [...tiles.values()];
}

/** A My courses / dashboard card, in card, list or summary view. */
function readCourseCard(card: Element, keys: MoodleKeys): Tile | null {
  const name = card.querySelector(moodleSelectors.courseCardName);
  const item = name && keys.course(card.getAttribute('data-course-id'), visibleText(name));
  if (!item) return null;
  const tile: Tile = { item, anchor: { element: name, position: 'after' } };
  const progress = readProgress(card);
  if (progress !== undefined) tile.progress = progress;
  return tile;
}

/** A course box on a category, search or front page; `data-type="1"` marks a course (0 = category). */
function readCourseBox(box: Element, keys: MoodleKeys): Tile | null {
  const type = box.getAttribute('data-type');
  if (type !== null && type !== '1') return null;
  const name = box.querySelector(moodleSelectors.courseBoxName);
  const item = name && keys.course(box.getAttribute('data-courseid'), visibleText(name));
  return item ? { item, anchor: { element: name, position: 'after' } } : null;
}

/**
 * An activity row on a course or section page. Labels ("Text and media area") are rows too: they
 * have a cmid and learners react to what they say. Subsections (4.5+) are skipped: they are
 * containers whose own activities are rows of their own.
 */
function readActivityRow(row: Element, doc: Document, keys: MoodleKeys, courseKey: string | null): Tile | null {
  const moduleType = moduleTypeOf(row);
  if (moduleType === 'subsection') return null;
  const cmid = row.getAttribute('data-id') ?? /^module-(\d+)$/.exec(row.id)?.[1] ?? null;
  const named = moduleType === 'label' ? readLabel(row) : readNamedActivity(row);
  const item: LmsItem | null = named && keys.activity(cmid, named.title, moduleType, courseKey);
  if (!named || !item) return null;
  const tile: Tile = { item, anchor: named.anchor };
  const completed = readCompletion(row) ?? readCourseIndexCompletion(doc, item.lmsId);
  if (completed !== undefined) tile.completed = completed;
  return tile;
}

interface NamedRow {
  title: string;
  anchor: Tile['anchor'];
}

/** A linked activity: its `.instancename`, the badge after its link. */
function readNamedActivity(row: Element): NamedRow | null {
  const name = row.querySelector(moodleSelectors.activityName);
  const title = name ? visibleText(name) : '';
  return name && title ? { title, anchor: { element: name.closest('a') ?? name, position: 'after' } } : null;
}

/**
 * A label's title is its text: the card's `data-activityname` (escaped twice by Moodle), else what
 * the row shows; cut to 300 characters, since a label can hold a whole page of text.
 */
function readLabel(row: Element): NamedRow | null {
  const card = row.querySelector(moodleSelectors.activityCard);
  const content = row.querySelector(moodleSelectors.labelContent);
  const text =
    cleanText(decodeHtmlEntities(card?.getAttribute('data-activityname') ?? '')) || visibleText(content ?? row, true);
  if (!text) return null;
  const anchor: Tile['anchor'] = content ? { element: content, position: 'after' } : { element: row, position: 'append' };
  return { title: truncateAtWord(text), anchor };
}

/** `modtype_<module>` on the row (`core_courseformat/local/content/section/cmitem`). */
function moduleTypeOf(row: Element): string | null {
  for (const name of Array.from(row.classList)) {
    const match = /^modtype_([a-z][a-z0-9_]*)$/.exec(name);
    if (match) return match[1]!;
  }
  return null;
}

/** Percent progress on a course card: `<meter value>`, an ARIA progress bar, or "NN% complete". */
function readProgress(card: Element): number | undefined {
  const bar = card.querySelector(moodleSelectors.courseCardProgress);
  const fromBar = bar?.getAttribute('value') ?? bar?.getAttribute('aria-valuenow');
  const fromText = /(\d{1,3}(?:\.\d+)?)\s*%/.exec(cleanText(card.querySelector(moodleSelectors.courseCardProgressText)?.textContent))?.[1];
  const text = fromBar || fromText;
  const value = text ? Number(text) : NaN;
  return Number.isFinite(value) && value >= 0 && value <= 100 ? Math.round(value) : undefined;
}
