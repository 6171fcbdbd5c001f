import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { mapClaims, oidcSubject, readClaim } from '../../server/auth/oidc';
import {
  ClaimMapping,
  configureTenant,
  getIdentitySettings,
  getTenantProvider,
  readTenantsFile,
  TenantsFileError,
} from '../../server/services/tenant-config';
import { getTenantSettings } from '../../server/services/tenant-settings';
import { findTenantBySlug } from '../../server/services/tenants';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';

const defaults = ClaimMapping.parse({});

describe('claim mapping', () => {
  it('maps name, team, unit and role with the defaults and fallbacks', () => {
    expect(mapClaims({ name: 'Ann Lee', department: 'Sales' }, defaults)).toEqual({ displayName: 'Ann Lee', team: 'Sales', unit: null });
    expect(mapClaims({ given_name: 'Ann', family_name: 'Lee' }, defaults)).toMatchObject({ displayName: 'Ann Lee', team: 'General' });
    expect(mapClaims({ preferred_username: 'alee' }, defaults).displayName).toBe('alee');
    expect(mapClaims({ email: 'ann.lee@acme.com' }, defaults).displayName).toBe('ann.lee');
    expect(mapClaims({}, defaults).displayName).toBe('Learner');
  });

  it('reads custom, nested and list claims, cleans control characters and caps length', () => {
    const mapping = ClaimMapping.parse({ displayName: 'https://acme.com/claims/display', team: 'org.team', unit: 'org.unit', defaultTeam: 'Staff' });
    const claims = { 'https://acme.com/claims/display': ' Ann\u0000\n Lee ', org: { team: ['Support', 'Sales'], unit: 'EMEA' } };
    expect(mapClaims(claims, mapping)).toEqual({ displayName: 'Ann Lee', team: 'Support', unit: 'EMEA' });
    expect(mapClaims({ name: 'x'.repeat(300) }, defaults).displayName).toHaveLength(80);
    expect(mapClaims({ name: 42, department: { nested: true } }, defaults)).toMatchObject({ displayName: 'Learner', team: 'General' });
    expect(readClaim({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(readClaim({ 'a.b': 2, a: { b: 3 } }, 'a.b')).toBe(2);
    expect(readClaim({ a: ['x'] }, 'a.0')).toBeUndefined();
  });

  it('gives a role only when the mapping names a role claim; admin wins over moderator', () => {
    const roles = ClaimMapping.parse({ roleClaim: 'groups', moderatorValues: ['mods'], adminValues: ['admins'] });
    expect(mapClaims({ groups: ['staff'] }, defaults).role).toBeUndefined();
    expect(mapClaims({ groups: ['staff'] }, roles).role).toBe('learner');
    expect(mapClaims({ groups: ['staff', 'mods'] }, roles).role).toBe('moderator');
    expect(mapClaims({ groups: ['mods', 'admins'] }, roles).role).toBe('admin');
    expect(mapClaims({ groups: 'mods' }, roles).role).toBe('moderator');
    expect(mapClaims({}, roles).role).toBe('learner');
  });

  it('namespaces subjects by issuer', () => {
    expect(oidcSubject('https://login.acme.com', 'abc')).toBe('oidc:https://login.acme.com#abc');
    expect(oidcSubject('https://a.example', 'x')).not.toBe(oidcSubject('https://b.example', 'x'));
  });
});

describe.each(ENGINES)('tenant configuration on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage(database.options);
    dir = mkdtempSync(path.join(tmpdir(), 'ripple-tenants-'));
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function file(name: string, content: unknown): string {
    const target = path.join(dir, name);
    writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return target;
  }

  it('creates a tenant with a provider and settings, then updates only what is given', async () => {
    const tenant = await configureTenant(storage.db, {
      slug: 'acme',
      name: 'Acme',
      provider: { issuer: 'https://login.acme.com', clientId: 'ripple', clientSecret: 's3cret', scopes: ['profile', 'groups'] },
      settings: { reportThreshold: 4, pseudonyms: true, features: ['reviews', 'popularity'], retentionDays: 365 },
    });
    expect(await getTenantProvider(storage.db, tenant.id)).toEqual({
      issuer: 'https://login.acme.com',
      clientId: 'ripple',
      clientSecret: 's3cret',
      // openid is always asked for.
      scopes: ['openid', 'profile', 'groups'],
      claims: defaults,
    });
    expect(await getTenantSettings(storage.db, tenant.id)).toMatchObject({ reportThreshold: 4, pseudonyms: true });
    expect(await getIdentitySettings(storage.db, tenant.id)).toEqual({ features: ['reviews', 'popularity'], retentionDays: 365 });

    await configureTenant(storage.db, { slug: 'acme', name: 'Acme Corp', settings: { retentionDays: null } });
    expect((await findTenantBySlug(storage.db, 'acme'))?.name).toBe('Acme Corp');
    expect((await getTenantProvider(storage.db, tenant.id))?.clientSecret).toBe('s3cret');
    expect(await getTenantSettings(storage.db, tenant.id)).toMatchObject({ reportThreshold: 4, pseudonyms: true });
    expect(await getIdentitySettings(storage.db, tenant.id)).toEqual({ features: ['reviews', 'popularity'], retentionDays: null });

    await configureTenant(storage.db, { slug: 'acme', name: 'Acme Corp', provider: null });
    expect(await getTenantProvider(storage.db, tenant.id)).toBeNull();
  });

  it.each([
    ['an http issuer that is not loopback', { issuer: 'http://login.acme.com', clientId: 'x' }],
    ['an issuer with a query', { issuer: 'https://login.acme.com/?tenant=1', clientId: 'x' }],
    ['an unknown field (a typo)', { issuer: 'https://login.acme.com', clientId: 'x', clientSecert: 'y' }],
    ['an empty client id', { issuer: 'https://login.acme.com', clientId: '' }],
  ])('refuses a provider with %s', async (_name, provider) => {
    await expect(configureTenant(storage.db, { slug: 'bad', name: 'Bad', provider: provider as never })).rejects.toThrow();
    expect(await findTenantBySlug(storage.db, 'bad')).toBeUndefined();
  });

  it('applies RIPPLE_TENANTS_FILE at start (secrets may come from the environment)', async () => {
    const tenantsFile = file('tenants.json', [
      {
        slug: 'initech',
        name: 'Initech',
        provider: {
          issuer: 'https://idp.initech.example',
          clientId: 'ripple-initech',
          clientSecretEnv: 'RIPPLE_TEST_INITECH_SECRET',
          claims: { team: 'department', roleClaim: 'groups', moderatorValues: ['ripple-mods'] },
        },
        settings: { features: ['reviews'] },
      },
      { slug: 'hooli', name: 'Hooli' },
    ]);
    process.env.RIPPLE_TEST_INITECH_SECRET = 'from-the-environment';
    try {
      const server = await buildServer({ ...database.options, tenantsFile });
      try {
        const initech = (await findTenantBySlug(server.db, 'initech'))!;
        expect(await getTenantProvider(server.db, initech.id)).toMatchObject({ clientId: 'ripple-initech', clientSecret: 'from-the-environment' });
        expect((await getIdentitySettings(server.db, initech.id)).features).toEqual(['reviews']);
        expect(await findTenantBySlug(server.db, 'hooli')).toMatchObject({ name: 'Hooli' });
      } finally {
        await server.close();
      }
    } finally {
      delete process.env.RIPPLE_TEST_INITECH_SECRET;
    }
  });

  it('refuses a bad tenants file with every problem and its place, and does not start', async () => {
    const tenantsFile = file('bad.json', [
      { slug: 'Acme Corp', name: 'Acme' },
      { slug: 'ok', name: 'OK', provider: { issuer: 'http://idp.example', clientId: 'x' } },
      { slug: 'ok', name: 'Again' },
      { slug: 'sec', name: 'Sec', provider: { issuer: 'https://idp.example', clientId: 'x', clientSecretEnv: 'RIPPLE_TEST_UNSET_SECRET' } },
    ]);
    const error = await readTenantsFile(tenantsFile, {}).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TenantsFileError);
    const message = (error as Error).message;
    expect(message).toContain(tenantsFile);
    expect(message).toMatch(/\[0\]\.slug: /);
    expect(message).toMatch(/\[1\]\.provider\.issuer: Must be an https/);
    expect(message).toMatch(/\[2\]\.slug: Duplicate tenant slug "ok"/);

    await expect(readTenantsFile(file('env.json', [{ slug: 'sec', name: 'Sec', provider: { issuer: 'https://idp.example', clientId: 'x', clientSecretEnv: 'RIPPLE_TEST_UNSET_SECRET' } }]), {})).rejects.toThrow(
      /\[0\]\.provider\.clientSecretEnv: environment variable RIPPLE_TEST_UNSET_SECRET is not set/,
    );
    await expect(readTenantsFile(file('notjson.json', '{ nope'), {})).rejects.toThrow(/is not JSON/);
    await expect(readTenantsFile(path.join(dir, 'missing.json'), {})).rejects.toThrow(/cannot be read: ENOENT/);
    await expect(buildServer({ ...database.options, tenantsFile })).rejects.toThrow(TenantsFileError);
  });
});
