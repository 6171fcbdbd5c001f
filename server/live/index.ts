import type { Kysely } from 'kysely';
import { MemoryLiveBus, PostgresLiveBus, type LiveBus, type LiveEvent, type LiveKind } from './bus';

export { LIVE_KINDS, MemoryLiveBus, PostgresLiveBus, type LiveBus, type LiveEvent, type LiveKind } from './bus';

/**
 * The bus of each open database. Services only have the database handle, so they find the bus
 * through it; `openStorage` registers the right one (PostgreSQL LISTEN/NOTIFY or in memory). A
 * database opened without it (some tests) gets an in-memory bus on first use.
 */
const buses = new WeakMap<Kysely<any>, LiveBus>();

export async function openLiveBus(db: Kysely<any>, databaseUrl?: string): Promise<LiveBus> {
  let bus: LiveBus;
  if (databaseUrl) {
    const pgBus = new PostgresLiveBus(db, databaseUrl);
    await pgBus.start();
    bus = pgBus;
  } else {
    bus = new MemoryLiveBus(db);
  }
  buses.set(db, bus);
  return bus;
}

export function liveBusFor(db: Kysely<any>): LiveBus {
  let bus = buses.get(db);
  if (!bus) {
    bus = new MemoryLiveBus(db);
    buses.set(db, bus);
  }
  return bus;
}

/**
 * Called by services after a write has committed. Never fails the write: a lost live event only
 * delays what others see until their next refresh.
 */
export async function publishLive(db: Kysely<any>, tenantId: string, item: string, kind: LiveKind): Promise<LiveEvent | null> {
  try {
    return await liveBusFor(db).publish(tenantId, { item, kind });
  } catch (error) {
    console.warn('Live updates: publish failed:', (error as Error).message);
    return null;
  }
}

/** Runs a write, then (once it has committed) publishes that `item` changed. */
export async function publishAfter<T>(
  db: Kysely<any>,
  tenantId: string,
  item: string | ((result: T) => string),
  kind: LiveKind,
  write: () => Promise<T>,
): Promise<T> {
  const result = await write();
  await publishLive(db, tenantId, typeof item === 'function' ? item(result) : item, kind);
  return result;
}
