import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Profile } from '../contract';
import type { Database, Role } from '../db/schema';

export interface AuthenticatedUser {
  tenantId: string;
  userId: string;
  role: Role;
}

/**
 * Same subject in the same tenant → same user; name and team are refreshed, the role is kept
 * (roles are granted by admins, never by signing in).
 */
export async function upsertUser(
  db: Kysely<Database>,
  tenantId: string,
  identity: { subject: string; displayName: string; team: string; unit?: string | null },
) {
  return db
    .insertInto('users')
    .values({
      id: randomUUID(),
      tenant_id: tenantId,
      subject: identity.subject,
      display_name: identity.displayName,
      team: identity.team,
      unit: identity.unit ?? null,
      role: 'learner',
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'subject']).doUpdateSet((eb) => ({
        display_name: eb.ref('excluded.display_name'),
        team: eb.ref('excluded.team'),
        // A sign-in that does not say the unit (dev sign-in today) keeps the one on file.
        ...(identity.unit !== undefined ? { unit: eb.ref('excluded.unit') } : {}),
      })),
    )
    .returning(['id', 'display_name', 'team', 'role'])
    .executeTakeFirstOrThrow();
}

/**
 * The user a verified token speaks for, if they still exist in that tenant. The role comes from
 * the database, so a changed role applies at once rather than when the token expires.
 */
export async function findAuthenticatedUser(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<AuthenticatedUser | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'tenant_id', 'role'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? { tenantId: row.tenant_id, userId: row.id, role: row.role } : null;
}

export async function getProfile(db: Kysely<Database>, tenantId: string, userId: string): Promise<Profile | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
    .select(['users.display_name', 'users.team', 'users.role', 'tenants.slug'])
    .where('users.tenant_id', '=', tenantId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return row ? { displayName: row.display_name, team: row.team, tenant: row.slug, role: row.role } : null;
}

/**
 * Grants a role (there is no admin console yet: tests and operators call this). Takes effect on
 * the user's next request, since every request reads the role from the database.
 */
export async function setUserRole(db: Kysely<Database>, tenantId: string, userId: string, role: Role): Promise<void> {
  const result = await db.updateTable('users').set({ role }).where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`No user ${userId} in tenant ${tenantId}`);
}

/**
 * Sets a learner's wider unit (null: the whole company is their unit). Identity providers will
 * pass it at sign-in (`upsertUser`); tests and operators call this. Later signals carry it.
 */
export async function setUserUnit(db: Kysely<Database>, tenantId: string, userId: string, unit: string | null): Promise<void> {
  if (unit !== null && unit.trim() === '') throw new RangeError('unit must be null or a non-blank name');
  const result = await db.updateTable('users').set({ unit }).where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`No user ${userId} in tenant ${tenantId}`);
}

/** The groups a learner's popularity figures are about: their team and unit ('' = none). */
export async function getUserGroups(db: Kysely<Database>, tenantId: string, userId: string): Promise<{ team: string; unit: string } | null> {
  const row = await db.selectFrom('users').select(['team', 'unit']).where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
  return row ? { team: row.team, unit: row.unit ?? '' } : null;
}
