import { sql, type Kysely } from 'kysely';
import pg from 'pg';

/**
 * What changed about an item (or, for 'notification', on a learner's own channel, see
 * `userChannel`); clients refetch what they need (no user content travels here).
 */
export const LIVE_KINDS = ['summary', 'review', 'comment', 'contribution', 'post', 'notification'] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

export interface LiveEvent {
  /** Monotonically increasing (per server database, hence per tenant); a decimal string. */
  id: string;
  item: string;
  kind: LiveKind;
}

/**
 * The one interface of live updates. `publish` records the event (so reconnecting subscribers can
 * catch up) and fans it out; `subscribe` yields the tenant's events about `items`, first those
 * after `lastEventId` still kept (about an hour), then new ones, until `signal` aborts.
 */
export interface LiveBus {
  publish(tenantId: string, event: { item: string; kind: LiveKind }): Promise<LiveEvent>;
  subscribe(tenantId: string, items: readonly string[], lastEventId?: string | null, signal?: AbortSignal): AsyncGenerator<LiveEvent, void, undefined>;
  close(): Promise<void>;
}

/** Events older than this are pruned; a subscriber away longer refetches everything it shows. */
export const LIVE_RETENTION_MS = 60 * 60 * 1000;
/** Most events replayed to one reconnecting subscriber. */
export const LIVE_BACKLOG_LIMIT = 1000;
const PRUNE_EVERY = 200;

interface LiveEventsTable {
  id: number | string;
  tenant_id: string;
  item_key: string;
  kind: LiveKind;
  created_at: string;
}
type LiveDb = Kysely<{ live_events: LiveEventsTable }>;

const CLOSING = '\u0000closing';
type Listener = (tenantId: string, event: LiveEvent) => void;

/** Shared by both engines: the table, local fan-out and the subscriber loop. */
abstract class BaseLiveBus implements LiveBus {
  protected readonly db: LiveDb;
  private readonly listeners = new Set<Listener>();
  private published = 0;
  protected closed = false;

  constructor(db: Kysely<any>) {
    this.db = db as LiveDb;
  }

  abstract publish(tenantId: string, event: { item: string; kind: LiveKind }): Promise<LiveEvent>;

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  protected dispatch(tenantId: string, event: LiveEvent): void {
    for (const listener of this.listeners) listener(tenantId, event);
  }

  protected async prune(): Promise<void> {
    this.published += 1;
    if (this.published % PRUNE_EVERY !== 1) return;
    const cutoff = new Date(Date.now() - LIVE_RETENTION_MS).toISOString();
    await this.db.deleteFrom('live_events').where('created_at', '<', cutoff).execute();
  }

  async *subscribe(tenantId: string, items: readonly string[], lastEventId?: string | null, signal?: AbortSignal): AsyncGenerator<LiveEvent, void, undefined> {
    const wanted = new Set(items);
    const queue: LiveEvent[] = [];
    let wake: (() => void) | null = null;
    const listener: Listener = (tenant, event) => {
      if (tenant === CLOSING) return wake?.();
      if (tenant !== tenantId || !wanted.has(event.item)) return;
      queue.push(event);
      wake?.();
    };
    const onAbort = () => wake?.();
    // Listen before reading the backlog, so nothing falls between the two.
    this.listeners.add(listener);
    signal?.addEventListener('abort', onAbort);
    try {
      let last = parseEventId(lastEventId);
      if (last !== null && wanted.size > 0) {
        const rows = await this.db
          .selectFrom('live_events')
          .select(['id', 'item_key', 'kind'])
          .where('tenant_id', '=', tenantId)
          .where('id', '>', last)
          .where('item_key', 'in', [...wanted])
          .orderBy('id')
          .limit(LIVE_BACKLOG_LIMIT)
          .execute();
        for (const row of rows) {
          if (signal?.aborted) return;
          last = Number(row.id);
          yield { id: String(row.id), item: row.item_key, kind: row.kind };
        }
      }
      // Without an abort signal (an in-process caller) nothing could ever stop a live stream,
      // whose pending read also blocks `return()`: such callers get the backlog only.
      if (!signal) return;
      while (!signal.aborted && !this.closed) {
        const event = queue.shift();
        if (event) {
          const id = Number(event.id);
          if (last !== null && id <= last) continue;
          last = id;
          yield event;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    } finally {
      this.listeners.delete(listener);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Wakes every subscriber loop so it notices `closed`. */
  protected wakeAll(): void {
    this.dispatch(CLOSING, { id: '0', item: '', kind: 'summary' });
  }
}

function parseEventId(id: string | null | undefined): number | null {
  if (id == null || !/^\d{1,15}$/.test(id)) return null;
  return Number(id);
}

/** One process (SQLite, or PostgreSQL without a listener): fan-out in memory. */
export class MemoryLiveBus extends BaseLiveBus {
  async publish(tenantId: string, event: { item: string; kind: LiveKind }): Promise<LiveEvent> {
    const row = await this.db
      .insertInto('live_events')
      .values({ tenant_id: tenantId, item_key: event.item, kind: event.kind, created_at: new Date().toISOString() } as LiveEventsTable)
      .returning('id')
      .executeTakeFirstOrThrow();
    const live: LiveEvent = { id: String(row.id), item: event.item, kind: event.kind };
    this.dispatch(tenantId, live);
    await this.prune();
    return live;
  }

  override async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    await super.close();
  }
}

/**
 * Several server processes on one PostgreSQL: each publish inserts the event and NOTIFYs in the
 * same transaction (delivered on commit); a dedicated client per process LISTENs and fans out to
 * its own subscribers, the publisher's included. The channel is named after the schema, so
 * databases sharing a cluster (tests) do not hear each other.
 */
export class PostgresLiveBus extends BaseLiveBus {
  private client: pg.Client | null = null;
  private channel = '';
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    db: Kysely<any>,
    private readonly databaseUrl: string,
  ) {
    super(db);
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('error', (error) => {
      console.error('Live updates: PostgreSQL listener error:', error.message);
      this.scheduleReconnect();
    });
    client.on('end', () => this.scheduleReconnect());
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      try {
        const payload = JSON.parse(message.payload) as { t: string; i: string; e: string; k: LiveKind };
        this.dispatch(payload.t, { id: payload.e, item: payload.i, kind: payload.k });
      } catch {
        // Not ours; ignore.
      }
    });
    await client.connect();
    const { rows } = await client.query<{ schema: string }>('select current_schema() as schema');
    this.channel = channelName(rows[0]?.schema ?? 'public');
    await client.query(`listen "${this.channel}"`);
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const old = this.client;
    this.client = null;
    old?.removeAllListeners();
    void old?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.start().catch((error: Error) => {
        console.error('Live updates: PostgreSQL listener reconnect failed:', error.message);
        this.scheduleReconnect();
      });
    }, 1000);
    this.reconnectTimer.unref();
  }

  async publish(tenantId: string, event: { item: string; kind: LiveKind }): Promise<LiveEvent> {
    const live = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('live_events')
        .values({ tenant_id: tenantId, item_key: event.item, kind: event.kind, created_at: new Date().toISOString() } as LiveEventsTable)
        .returning('id')
        .executeTakeFirstOrThrow();
      const result: LiveEvent = { id: String(row.id), item: event.item, kind: event.kind };
      // Small payload (well under NOTIFY's 8000 bytes): tenant, item, event id, kind.
      const payload = JSON.stringify({ t: tenantId, i: result.item, e: result.id, k: result.kind });
      await sql`select pg_notify(${this.channel}, ${payload})`.execute(trx);
      return result;
    });
    await this.prune();
    return live;
  }

  override async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.wakeAll();
    const client = this.client;
    this.client = null;
    client?.removeAllListeners();
    client?.on('error', () => undefined);
    await client?.end().catch(() => undefined);
    await super.close();
  }
}

function channelName(schema: string): string {
  return `ripple_live_${schema.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}
