import Dexie, { type EntityTable } from 'dexie';
import type { NewLinkOrTip } from './protocol';
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

/** Writes not yet accepted by the server, in the order the learner made them. */
export type OutboxWrite =
  | { kind: 'rating.set'; input: { item: string; stars: number; title?: string } }
  | { kind: 'reviews.upsert'; input: { item: string; stars: number; title?: string; text: string; completed: boolean; itemTitle?: string } }
  | { kind: 'comments.create'; input: { item: string; parentId?: string; body: string; itemTitle?: string } }
  /** A link or a tip (files are too big to keep: they go straight to the server). */
  | { kind: 'contributions.create'; input: NewLinkOrTip };

export type OutboxEntry = OutboxWrite & {
  /** Auto-increment: the order writes are sent in. */
  seq?: number;
  /** The client id the server deduplicates on: the same for every retry. */
  clientId: string;
  /** The item the write is about, for coalescing and for widgets to show "pending". */
  item: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
};

/** One thing the learner did (opened, completed an item), waiting to be sent in a batch. */
export interface SignalRow {
  /** `<item>|<kind>|<day>`: the same learner, item, kind and day is recorded once. */
  key: string;
  item: string;
  kind: 'view' | 'complete';
  at: string;
  itemTitle?: string;
}

/** An item the learner has opened, and where: so notifications and posts about it can link there. */
export interface VisitedItem {
  item: string;
  url: string;
  at: number;
  /** The item's title as its page gave it (offered when a post says what it is about). */
  title?: string;
}

export type SettingName = 'serverUrl' | 'session' | 'subject' | 'policy' | 'signalsPaused' | 'signalsDisabled' | 'killSwitch' | 'liveLastEventId';

export interface StoredSession {
  token: string;
  expiresAt: number;
  profile: Profile;
  /** The server the token was issued by: a token is never sent anywhere else. */
  serverUrl: string;
  /** Single sign-on sessions: the rotating refresh token (used once each) and its expiry. */
  refreshToken?: string;
  refreshExpiresAt?: number;
}

export class RippleDb extends Dexie {
  summaries!: EntityTable<CachedSummary, 'item'>;
  settings!: EntityTable<SettingRow, 'name'>;
  drafts!: EntityTable<Draft, 'key'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  signals!: EntityTable<SignalRow, 'key'>;
  visited!: EntityTable<VisitedItem, 'item'>;

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
    // v3: the outbox of writes made offline or while the server failed.
    this.version(3).stores({ summaries: 'item, usedAt', settings: 'name', drafts: 'key, updatedAt', outbox: '++seq, &clientId, item' });
    // v4: activity signals, batched apart from the outbox (they are neither ordered nor urgent).
    this.version(4).stores({
      summaries: 'item, usedAt',
      settings: 'name',
      drafts: 'key, updatedAt',
      outbox: '++seq, &clientId, item',
      signals: 'key',
    });
    // v5: where the learner opened each item (local only), for links from notifications and posts.
    this.version(5).stores({
      summaries: 'item, usedAt',
      settings: 'name',
      drafts: 'key, updatedAt',
      outbox: '++seq, &clientId, item',
      signals: 'key',
      visited: 'item, at',
    });
  }
}

export const db = new RippleDb();

/**
 * Opens the database, rebuilding it when this version cannot use it (corrupted, or left by a newer
 * version of the extension): everything in it is a cache of the server's, refetched on the next
 * page, and whatever it held unsent could not be read anyway.
 */
export async function openOrRebuild(database: RippleDb): Promise<'opened' | 'rebuilt'> {
  try {
    await database.open();
    // Dexie opens a database of a higher version as it is: check it holds the stores we use.
    const stores = database.backendDB().objectStoreNames;
    const missing = database.tables.map((table) => table.name).filter((name) => !stores.contains(name));
    if (missing.length > 0) throw new Error(`missing stores: ${missing.join(', ')}`);
    return 'opened';
  } catch (error) {
    console.warn('[ripple] the local database cannot be opened; rebuilding it', error);
    database.close();
    await Dexie.delete(database.name);
    await database.open();
    return 'rebuilt';
  }
}
