import { AsyncLocalStorage } from 'node:async_hooks';
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

/** Called after a write has committed: publishes that each of `items` changed, once each. */
export async function publishEach(db: Kysely<any>, tenantId: string, items: Iterable<string>, kind: LiveKind): Promise<void> {
  for (const item of new Set(items)) await publishLive(db, tenantId, item, kind);
}

/**
 * A learner's own channel on the bus: their 'notification' events travel under this key in
 * place of an item key. Item keys have four colon-separated parts, so none can be mistaken for it.
 */
export function userChannel(userId: string): string {
  return `user:${userId}`;
}

/** The learners notified by the write running in this async context, by tenant and user. */
const notifiedInWrite = new AsyncLocalStorage<Map<string, { tenantId: string; userId: string }>>();

/** Called when a notification row is written: its learner is told once the write has committed. */
export function noteNotified(tenantId: string, userId: string): void {
  notifiedInWrite.getStore()?.set(`${tenantId} ${userId}`, { tenantId, userId });
}

/**
 * Runs a write (a whole transaction) and, once it has committed, publishes one 'notification'
 * event on the channel of each learner it notified, so their open pages update the unread count
 * at once. A write that fails (rolled back) publishes nothing.
 */
export async function publishNotificationsAfter<T>(db: Kysely<any>, write: () => Promise<T>): Promise<T> {
  const notified = new Map<string, { tenantId: string; userId: string }>();
  const result = await notifiedInWrite.run(notified, write);
  for (const { tenantId, userId } of notified.values()) await publishLive(db, tenantId, userChannel(userId), 'notification');
  return result;
}
