import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface TenantSettings {
  /** Distinct open reports that hide content (of any kind) pending a moderator. Default 3, min 1. */
  reportThreshold: number;
  /** Show authors by a stable pseudonym instead of their display name. Default false. */
  pseudonyms: boolean;
  /** Keys the pseudonyms; server-only. */
  pseudonymSecret: string;
  /** Record learners' view/complete/rate signals for popularity. Default true. */
  signals: boolean;
  /** Smallest group of people a count may describe; smaller figures are withheld. Default 5, ≥ 3. */
  minGroupSize: number;
}

export const DEFAULT_REPORT_THRESHOLD = 3;
export const DEFAULT_MIN_GROUP_SIZE = 5;
/** Workplace-analytics tools never go lower (Viva Glint, Supermood, Humaans: 3). */
export const MIN_GROUP_SIZE_FLOOR = 3;

/**
 * The tenant's settings, created with defaults (and a fresh pseudonym secret) on first use:
 * insert-if-absent then read, so replicas racing on a new tenant all read the same row.
 */
export async function getTenantSettings(db: Kysely<Database>, tenantId: string): Promise<TenantSettings> {
  let row = await db.selectFrom('tenant_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) {
    await db
      .insertInto('tenant_settings')
      .values({
        tenant_id: tenantId,
        report_threshold: DEFAULT_REPORT_THRESHOLD,
        pseudonyms: 0,
        pseudonym_secret: randomBytes(32).toString('base64url'),
        updated_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('tenant_id').doNothing())
      .execute();
    row = await db.selectFrom('tenant_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  }
  return {
    reportThreshold: row.report_threshold,
    pseudonyms: row.pseudonyms === 1,
    pseudonymSecret: row.pseudonym_secret,
    signals: row.signals === 1,
    // Never below the floor, whatever a hand-edited row says.
    minGroupSize: Math.max(MIN_GROUP_SIZE_FLOOR, row.min_group_size),
  };
}

/**
 * Changes a tenant's settings (for the admin console to come, and for tests). A threshold below 1
 * is refused. A new threshold applies to the next report; content already hidden stays hidden.
 */
export async function setTenantSettings(
  db: Kysely<Database>,
  tenantId: string,
  change: { reportThreshold?: number; pseudonyms?: boolean; signals?: boolean; minGroupSize?: number },
): Promise<TenantSettings> {
  if (change.reportThreshold !== undefined && (!Number.isInteger(change.reportThreshold) || change.reportThreshold < 1)) {
    throw new RangeError(`reportThreshold must be an integer ≥ 1, got ${change.reportThreshold}`);
  }
  if (change.minGroupSize !== undefined && (!Number.isInteger(change.minGroupSize) || change.minGroupSize < MIN_GROUP_SIZE_FLOOR)) {
    throw new RangeError(`minGroupSize must be an integer ≥ ${MIN_GROUP_SIZE_FLOOR}, got ${change.minGroupSize}`);
  }
  await getTenantSettings(db, tenantId);
  await db
    .updateTable('tenant_settings')
    .set({
      ...(change.reportThreshold !== undefined ? { report_threshold: change.reportThreshold } : {}),
      ...(change.pseudonyms !== undefined ? { pseudonyms: change.pseudonyms ? 1 : 0 } : {}),
      ...(change.signals !== undefined ? { signals: change.signals ? 1 : 0 } : {}),
      ...(change.minGroupSize !== undefined ? { min_group_size: change.minGroupSize } : {}),
      updated_at: new Date().toISOString(),
    })
    .where('tenant_id', '=', tenantId)
    .execute();
  return getTenantSettings(db, tenantId);
}
