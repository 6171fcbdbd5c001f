import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { identityDb } from '../auth/identity-schema';
import { TeamName, TenantSlug } from '../contract';
import type { Database } from '../db/schema';
import { setTenantSettings } from './tenant-settings';
import { ensureTenant, type TenantRow } from './tenants';

/**
 * A tenant's configuration: its OpenID Connect provider and its settings. Written by
 * `configureTenant`, which the start applies from the JSON file named by `RIPPLE_TENANTS_FILE`.
 */

/** A claim name (`name`, `groups`, `https://acme.com/claims/team`); a dotted path reaches into objects. */
const ClaimName = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'A claim name (printable ASCII, no spaces)');
const ClaimValue = z.string().min(1).max(200);

export const ClaimMapping = z
  .object({
    /** Display name. Default `name`; falls back to given+family name, preferred_username, email. */
    displayName: ClaimName.default('name'),
    /** Team (shown with names, groups popularity). Default `department`. */
    team: ClaimName.default('department'),
    /** Team for people whose token carries none. Default `General`. */
    defaultTeam: TeamName.default('General'),
    /** Wider unit (division, business unit); none when absent. */
    unit: ClaimName.optional(),
    /**
     * Claim whose value(s) give the role, e.g. `groups`. When set, the provider is the source of
     * truth: every sign-in sets the role (admin wins over moderator; anything else is learner).
     * When absent, roles are granted in Ripple and signing in never changes them.
     */
    roleClaim: ClaimName.optional(),
    moderatorValues: z.array(ClaimValue).max(50).default([]),
    adminValues: z.array(ClaimValue).max(50).default([]),
  })
  .strict();
export type ClaimMapping = z.infer<typeof ClaimMapping>;

const ScopeName = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/, 'A scope name (RFC 6749 scope-token)');
export const DEFAULT_SCOPES = ['openid', 'profile', 'email'];

/** http is accepted only on loopback (tests, a provider on the same machine); anything else must be https. */
export const IssuerUrl = z
  .string()
  .url()
  .max(500)
  .refine((value) => {
    const url = new URL(value);
    if (url.search || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'Must be an https:// URL without query or fragment (http:// only for localhost/127.0.0.1)');

export const ProviderConfig = z
  .object({
    /** Exactly as the provider's discovery document spells it (`iss` of its tokens). */
    issuer: IssuerUrl,
    clientId: z.string().min(1).max(255),
    /** Confidential clients only; omit for a public client (PKCE alone). */
    clientSecret: z.string().min(1).max(1000).optional(),
    scopes: z
      .array(ScopeName)
      .max(30)
      .default(DEFAULT_SCOPES)
      // `openid` makes it OpenID Connect (an ID token); added if forgotten.
      .transform((scopes) => [...new Set(['openid', ...scopes])]),
    claims: ClaimMapping.default(ClaimMapping.parse({})),
  })
  .strict();
export type ProviderConfig = z.infer<typeof ProviderConfig>;
export type ProviderConfigInput = z.input<typeof ProviderConfig>;

const FeatureName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'A feature name (lower-case, dashes)');

export const TenantSettingsConfig = z
  .object({
    reportThreshold: z.number().int().min(1).max(1000).optional(),
    pseudonyms: z.boolean().optional(),
    /** Features the extension turns on for this tenant (names as the extension knows them). */
    features: z.array(FeatureName).max(50).optional(),
    /**
     * Days activity records (views, completions, their daily rollups) and notifications are kept
     * (services/maintenance.ts); null: no limit. Learner content stays until removed.
     */
    retentionDays: z.number().int().min(1).max(36500).nullable().optional(),
  })
  .strict();
export type TenantSettingsConfig = z.infer<typeof TenantSettingsConfig>;

export const TenantConfig = z
  .object({
    slug: TenantSlug,
    name: z.string().trim().min(1).max(200),
    /** Null or absent in `configureTenant`: see there. */
    provider: ProviderConfig.nullable().optional(),
    settings: TenantSettingsConfig.optional(),
  })
  .strict();
export type TenantConfig = z.input<typeof TenantConfig>;

/**
 * Creates or updates a tenant. `provider`: a config replaces the tenant's provider, `null`
 * removes it, absent leaves it as it is. `settings`: only the fields given change. Returns the
 * tenant row (its name updated).
 */
export async function configureTenant(db: Kysely<Database>, input: TenantConfig): Promise<TenantRow> {
  const config = TenantConfig.parse(input);
  const tenant = await ensureTenant(db, { slug: config.slug, name: config.name });
  if (tenant.name !== config.name) await db.updateTable('tenants').set({ name: config.name }).where('id', '=', tenant.id).execute();

  const idb = identityDb(db);
  const now = new Date().toISOString();
  if (config.provider === null) {
    await idb.deleteFrom('tenant_identity_providers').where('tenant_id', '=', tenant.id).execute();
  } else if (config.provider !== undefined) {
    const row = {
      issuer: config.provider.issuer,
      client_id: config.provider.clientId,
      client_secret: config.provider.clientSecret ?? null,
      scopes: JSON.stringify(config.provider.scopes),
      claim_mapping: JSON.stringify(config.provider.claims),
      updated_at: now,
    };
    await idb
      .insertInto('tenant_identity_providers')
      .values({ tenant_id: tenant.id, ...row })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(row))
      .execute();
  }

  const settings = config.settings;
  if (settings) {
    if (settings.reportThreshold !== undefined || settings.pseudonyms !== undefined) {
      await setTenantSettings(db, tenant.id, { reportThreshold: settings.reportThreshold, pseudonyms: settings.pseudonyms });
    }
    if (settings.features !== undefined || settings.retentionDays !== undefined) {
      await idb
        .updateTable('tenant_settings')
        .set({
          ...(settings.features !== undefined ? { features: JSON.stringify([...new Set(settings.features)]) } : {}),
          ...(settings.retentionDays !== undefined ? { retention_days: settings.retentionDays } : {}),
        })
        .where('tenant_id', '=', tenant.id)
        .execute();
    }
  }
  return { ...tenant, name: config.name };
}

/** A tenant's provider as stored, or null when it has none. */
export async function getTenantProvider(db: Kysely<Database>, tenantId: string): Promise<ProviderConfig | null> {
  const row = await identityDb(db)
    .selectFrom('tenant_identity_providers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) return null;
  return ProviderConfig.parse({
    issuer: row.issuer,
    clientId: row.client_id,
    ...(row.client_secret !== null ? { clientSecret: row.client_secret } : {}),
    scopes: JSON.parse(row.scopes),
    claims: JSON.parse(row.claim_mapping),
  });
}

export interface IdentitySettings {
  features: string[];
  retentionDays: number | null;
}

/** The settings added with identity (0004): features and retention. */
export async function getIdentitySettings(db: Kysely<Database>, tenantId: string): Promise<IdentitySettings> {
  const row = await identityDb(db)
    .selectFrom('tenant_settings')
    .select(['features', 'retention_days'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) return { features: [], retentionDays: null };
  return { features: z.array(z.string()).catch([]).parse(JSON.parse(row.features)), retentionDays: row.retention_days };
}

/**
 * The tenants file (`RIPPLE_TENANTS_FILE`): a JSON array of `TenantConfig`. In the file a
 * provider may name an environment variable holding its secret (`clientSecretEnv`) instead of
 * the secret itself, so the file can be kept in version control. A tenant without `provider` in
 * the file has none (the file is the whole truth about providers).
 */
const TenantFileEntry = TenantConfig.extend({
  provider: ProviderConfig.extend({ clientSecretEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional() })
    .strict()
    .nullable()
    .optional(),
});
const TenantsFile = z.array(TenantFileEntry).max(1000).superRefine((tenants, ctx) => {
  const seen = new Set<string>();
  tenants.forEach((tenant, index) => {
    if (seen.has(tenant.slug)) ctx.addIssue({ code: 'custom', path: [index, 'slug'], message: `Duplicate tenant slug "${tenant.slug}"` });
    seen.add(tenant.slug);
  });
});

export class TenantsFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`RIPPLE_TENANTS_FILE ${file} is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'TenantsFileError';
  }
}

/** Reads and checks the tenants file; every problem is reported at once, with its JSON path. */
export async function readTenantsFile(file: string, env: Record<string, string | undefined> = process.env): Promise<TenantConfig[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TenantsFileError(file, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TenantsFileError(file, [`is not JSON: ${(error as Error).message}`]);
  }
  const parsed = TenantsFile.safeParse(json);
  if (!parsed.success) {
    throw new TenantsFileError(
      file,
      parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  const problems: string[] = [];
  const tenants = parsed.data.map((entry, index): TenantConfig => {
    const { provider, ...rest } = entry;
    if (!provider) return { ...rest, provider: null };
    const { clientSecretEnv, ...providerConfig } = provider;
    if (clientSecretEnv !== undefined) {
      const secret = env[clientSecretEnv];
      if (providerConfig.clientSecret !== undefined) problems.push(`[${index}].provider: give clientSecret or clientSecretEnv, not both`);
      else if (!secret) problems.push(`[${index}].provider.clientSecretEnv: environment variable ${clientSecretEnv} is not set`);
      else return { ...rest, provider: { ...providerConfig, clientSecret: secret } };
    }
    return { ...rest, provider: providerConfig };
  });
  if (problems.length > 0) throw new TenantsFileError(file, problems);
  return tenants;
}

/** Applies the tenants file at start; returns the slugs configured. */
export async function applyTenantsFile(db: Kysely<Database>, file: string, env?: Record<string, string | undefined>): Promise<string[]> {
  const tenants = await readTenantsFile(file, env);
  for (const tenant of tenants) await configureTenant(db, tenant);
  return tenants.map((tenant) => tenant.slug);
}

function formatPath(path: PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '') || '(file)';
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
