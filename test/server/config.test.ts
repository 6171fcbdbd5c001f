import { describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN, readServerConfig } from '../../server/config';

describe('readServerConfig', () => {
  it('defaults to loopback:8787, embedded SQLite, dev sign-in on, the extension as only origin', () => {
    expect(readServerConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
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
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      options: {
        databaseUrl: 'postgres://ripple@db:5432/ripple',
        dataDir: '/var/lib/ripple',
        devSignIn: false,
        secret: 's'.repeat(40),
        allowedOrigins: [EXTENSION_ORIGIN, 'https://console.acme.com', 'chrome-extension://abc'],
      },
    });
  });

  it.each(['abc', '-1', '70000', '80.5'])('refuses PORT=%s', (port) => {
    expect(() => readServerConfig({ PORT: port })).toThrow(/PORT/);
  });
});
