import Dexie, { type EntityTable } from 'dexie';
import type { RatingSummary } from '../../server/contract/ratings';
import type { Profile } from '../../server/contract/auth';

/**
 * The extension's IndexedDB, owned by the background: it lives in the extension's origin, out of
 * reach of LMS pages and content scripts (which is why the token is kept here, not in
 * `storage.local`, which content scripts can read).
 */

export interface CachedSummary {
  item: string;
  summary: RatingSummary;
  /** Epoch ms of the server answer this entry holds. */
  fetchedAt: number;
  /** Epoch ms of the last read, for least-recently-used eviction. */
  usedAt: number;
}

/** One row per setting; values are small JSON. */
export interface SettingRow {
  name: SettingName;
  value: unknown;
}

export type SettingName = 'serverUrl' | 'session' | 'subject';

export interface StoredSession {
  token: string;
  expiresAt: number;
  profile: Profile;
  /** The server the token was issued by: a token is never sent anywhere else. */
  serverUrl: string;
}

export class RippleDb extends Dexie {
  summaries!: EntityTable<CachedSummary, 'item'>;
  settings!: EntityTable<SettingRow, 'name'>;

  constructor(name = 'ripple') {
    super(name);
    // Keep every version: browsers may still hold older ones. Index only what where() uses.
    this.version(1).stores({
      summaries: 'item, usedAt',
      settings: 'name',
    });
  }
}

export const db = new RippleDb();
