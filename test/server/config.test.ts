import { describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN, readServerConfig } from '../../server/config';

describe('readServerConfig', () => {
  it('defaults to loopback:8787, embedded SQLite, dev sign-in on, the extension as only origin', () => {
    expect(readServerConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      logLevel: 'info',
      options: {
        databaseUrl: undefined,
        dataDir: undefined,
        devSignIn: true,
        secret: undefined,
        allowedOrigins: [EXTENSION_ORIGIN],
      },
    });
  });

  it('reads every variable', () => {
    const config = readServerConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://ripple@db:5432/ripple',
      RIPPLE_DATA_DIR: '/var/lib/ripple',
      RIPPLE_DEV_SIGN_IN: '0',
      RIPPLE_SECRET: 's'.repeat(40),
      RIPPLE_ALLOWED_ORIGINS: ' https://console.acme.com/ ,, chrome-extension://abc ',
      LOG_LEVEL: 'warn',
      RIPPLE_TENANTS_FILE: '/etc/ripple/tenants.json',
      RIPPLE_TRUST_PROXY: '10.0.0.0/8, 192.168.1.1',
      RIPPLE_AUTH_RATE_LIMIT_PER_MINUTE: '100',
      RIPPLE_HSTS: 'on',
      RIPPLE_CRX_PATH: '/srv/ripple.crx',
      RIPPLE_PUBLIC_URL: 'https://ripple.acme.com/',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      logLevel: 'warn',
      options: {
        databaseUrl: 'postgres://ripple@db:5432/ripple',
        dataDir: '/var/lib/ripple',
        devSignIn: false,
        secret: 's'.repeat(40),
        allowedOrigins: [EXTENSION_ORIGIN, 'https://console.acme.com', 'chrome-extension://abc'],
        tenantsFile: '/etc/ripple/tenants.json',
        trustProxy: ['10.0.0.0/8', '192.168.1.1'],
        authRateLimit: { perMinute: 100 },
        hsts: true,
        crxPath: '/srv/ripple.crx',
        publicUrl: 'https://ripple.acme.com',
      },
    });
  });

  it('reads RIPPLE_TRUST_PROXY as on/off, a hop count or addresses', () => {
    expect(readServerConfig({ RIPPLE_TRUST_PROXY: 'true' }).options.trustProxy).toBe(true);
    expect(readServerConfig({ RIPPLE_TRUST_PROXY: 'off' }).options.trustProxy).toBeUndefined();
    const hops = readServerConfig({ RIPPLE_TRUST_PROXY: '2' }).options.trustProxy as (address: string, hop: number) => boolean;
    expect([hops('10.0.0.1', 0), hops('10.0.0.1', 1), hops('10.0.0.1', 2)]).toEqual([true, true, false]);
  });

  it.each([
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['RIPPLE_HSTS', 'maybe', /RIPPLE_HSTS/],
    ['RIPPLE_AUTH_RATE_LIMIT_PER_MINUTE', '-3', /RIPPLE_AUTH_RATE_LIMIT_PER_MINUTE/],
    ['RIPPLE_PUBLIC_URL', 'ripple.acme.com', /RIPPLE_PUBLIC_URL/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => readServerConfig({ [name]: value })).toThrow(message);
  });

  it.each(['abc', '-1', '70000', '80.5'])('refuses PORT=%s', (port) => {
    expect(() => readServerConfig({ PORT: port })).toThrow(/PORT/);
  });
});
