import { adapterFromSpec, hostMatches } from '../spec/interpret';
import type { AdapterSpec } from '../spec/types';
import { createMoodleAdapter } from '../moodle';
import type { MoodleAdapterOptions } from '../moodle';
import type { LmsAdapter, PageModel } from '../types';
import { totaraSpec } from './spec';

/**
 * Totara (lms-adapters.md §3): its course and activity pages are Moodle core pages, so the Moodle
 * reader reads them (keys `totara:<site>:course|activity:<id>`); the Totara spec adds catalog and
 * Current learning tiles and program pages. Recognised as a Moodle page with a Totara sign, so it
 * is asked before Moodle.
 */
export function createTotaraAdapter(spec: AdapterSpec = totaraSpec, moodle: MoodleAdapterOptions = {}): LmsAdapter {
  const moodleReader = createMoodleAdapter({ ...moodle, id: spec.id });
  const extras = adapterFromSpec({ ...spec, hosts: [] });
  return {
    id: spec.id,
    matchesHost: (url) => hostMatches(spec.hosts, url.hostname),
    matches: (url, doc) => moodleReader.matches(url, doc) && extras.matches(url, doc),
    read: (url, doc) => merge(moodleReader.read(url, doc), extras.read(url, doc)),
  };
}

function merge(moodle: PageModel | null, extra: PageModel | null): PageModel | null {
  if (!moodle || !extra) return moodle ?? extra;
  // The spec reads the site from the URL; Moodle's `M.cfg.wwwroot` is the install's own word.
  const rekey = <T extends { key: string }>(item: T): T => ({ ...item, key: item.key.replace(`:${extra.site}:`, `:${moodle.site}:`) });
  const extraTiles = extra.tiles.map((tile) => ({ ...tile, item: rekey(tile.item) }));
  const seen = new Set(moodle.tiles.map((tile) => tile.item.key));
  const page: PageModel = { ...moodle, tiles: [...moodle.tiles, ...extraTiles.filter((tile) => !seen.has(tile.item.key))] };
  if (!moodle.item && extra.item) {
    page.item = rekey(extra.item);
    page.headerAnchor = extra.headerAnchor;
  }
  if (moodle.kind === 'other' && extra.kind !== 'other') page.kind = extra.kind;
  return page;
}

export const totaraAdapter: LmsAdapter = createTotaraAdapter();
