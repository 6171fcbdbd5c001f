import type { Kysely } from 'kysely';
import { identityDb } from '../auth/identity-schema';
import type { Database } from '../db/schema';

/** Write receipts are kept this long: a write retried later than this could apply twice. */
export const RECEIPT_KEEP_DAYS = 30;
/** Dedup rows matter only while signals of that day may still arrive (batched, or sent late). */
export const DEDUP_KEEP_DAYS = 3;
/** How often a server process cleans up. */
export const MAINTENANCE_EVERY_MS = 60 * 60 * 1000;

export interface PruneReport {
  receipts: number;
  dedup: number;
  /** Rows removed under the tenants' `retentionDays`. */
  activity: number;
  notifications: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Removes what no longer serves: write receipts past the retry horizon, activity dedup rows of
 * past days, and, for each company with `retentionDays`, activity records (views, completions,
 * their daily rollups) and notifications older than that. Learner content (reviews, comments,
 * resources, posts) is not touched here: it stays until its author or a moderator removes it.
 * Idempotent, and safe to run on several replicas at once (plain deletes by date).
 */
export async function pruneExpiredData(db: Kysely<Database>, now = Date.now()): Promise<PruneReport> {
  const report: PruneReport = { receipts: 0, dedup: 0, activity: 0, notifications: 0 };
  const receipts = await db.deleteFrom('client_writes').where('created_at', '<', new Date(now - RECEIPT_KEEP_DAYS * DAY_MS).toISOString()).executeTakeFirst();
  report.receipts = Number(receipts.numDeletedRows);
  const dedup = await db.deleteFrom('signal_dedup').where('day', '<', isoDay(now - DEDUP_KEEP_DAYS * DAY_MS)).executeTakeFirst();
  report.dedup = Number(dedup.numDeletedRows);

  const tenants = await identityDb(db).selectFrom('tenant_settings').select(['tenant_id', 'retention_days']).where('retention_days', 'is not', null).execute();
  for (const { tenant_id: tenantId, retention_days: days } of tenants) {
    if (!days) continue;
    const cutoffMs = now - days * DAY_MS;
    const daily = await db.deleteFrom('popularity_daily').where('tenant_id', '=', tenantId).where('day', '<', isoDay(cutoffMs)).executeTakeFirst();
    // A learner last seen before the cutoff goes; one who completed it since stays.
    const learners = await db
      .deleteFrom('item_learners')
      .where('tenant_id', '=', tenantId)
      .where('viewed_day', '<', isoDay(cutoffMs))
      .where((eb) => eb.or([eb('completed_day', 'is', null), eb('completed_day', '<', isoDay(cutoffMs))]))
      .executeTakeFirst();
    report.activity += Number(daily.numDeletedRows) + Number(learners.numDeletedRows);
    const notifications = await db
      .deleteFrom('notifications')
      .where('tenant_id', '=', tenantId)
      .where('created_at', '<', new Date(cutoffMs).toISOString())
      .executeTakeFirst();
    report.notifications += Number(notifications.numDeletedRows);
  }
  return report;
}

/**
 * Runs the clean-up a few seconds after start and then every hour, in the background of a server
 * process; `stop` (on close) waits for a run in progress so the database is not closed under it.
 */
export function startMaintenance(
  db: Kysely<Database>,
  log: { info(object: object, message: string): void; warn(object: object, message: string): void },
  everyMs = MAINTENANCE_EVERY_MS,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = pruneExpiredData(db)
      .then((report) => {
        if (Object.values(report).some((count) => count > 0)) log.info({ pruned: report }, 'expired data removed');
      })
      .catch((error: unknown) => {
        if (!stopped) log.warn({ err: error }, 'clean-up of expired data failed');
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, 5_000);
  const every = setInterval(run, everyMs);
  first.unref();
  every.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
