import Dexie, { type EntityTable } from 'dexie';
import type { ItemSummary } from '../../server/contract/items';
import type { Profile } from '../../server/contract/auth';

/**
 * The extension's IndexedDB, owned by the background: it lives in the extension's origin, out of
 * reach of LMS pages and content scripts (which is why the token is kept here, not in
 * `storage.local`, which content scripts can read).
 */

export interface CachedSummary {
  item: string;
  summary: ItemSummary;
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

/** What a learner was writing and has not sent yet: it survives a reload of the page. */
export interface Draft {
  /** `<ItemKey>|<review|comment|reply:<parentId>|edit:<id>>` */
  key: string;
  text: string;
  title?: string;
  updatedAt: number;
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
  drafts!: EntityTable<Draft, 'key'>;

  constructor(name = 'ripple') {
    super(name);
    // Keep every version: browsers may still hold older ones. Index only what where() uses.
    this.version(1).stores({
      summaries: 'item, usedAt',
      settings: 'name',
    });
    // v2: summaries grew (histogram, comment count): drop v1's, they refill on the next visit.
    this.version(2)
      .stores({ summaries: 'item, usedAt', settings: 'name', drafts: 'key, updatedAt' })
      .upgrade((tx) => tx.table('summaries').clear());
  }
}

export const db = new RippleDb();
