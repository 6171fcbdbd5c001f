import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, TenantsTable } from '../db/schema';
import { getTenantSettings } from './tenant-settings';

export type TenantRow = Selectable<TenantsTable>;

/** The tenant dev sign-in puts everyone in; created at start when dev sign-in is on. */
export const DEMO_TENANT = { slug: 'demo', name: 'Demo' } as const;

/** Creates the tenant unless one with this slug exists; returns it either way. */
export async function ensureTenant(db: Kysely<Database>, tenant: { slug: string; name: string }): Promise<TenantRow> {
  await db
    .insertInto('tenants')
    .values({ id: randomUUID(), slug: tenant.slug, name: tenant.name, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  const row = await findTenantBySlug(db, tenant.slug);
  if (!row) throw new Error(`Tenant ${tenant.slug} vanished right after being created`);
  // Settings (with the tenant's pseudonym secret) exist from the start, so reads never write.
  await getTenantSettings(db, row.id);
  return row;
}

export async function findTenantBySlug(db: Kysely<Database>, slug: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}
