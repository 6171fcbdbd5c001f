import type { BuildServerOptions } from './app';

/** The pinned ID of the Ripple extension (from the public key in wxt.config.ts). */
export const EXTENSION_ORIGIN = 'chrome-extension://bgnjicjffkcfkndjddomcliapknpkgkm';

export interface ServerConfig {
  port: number;
  host: string;
  options: BuildServerOptions;
}

type Env = Record<string, string | undefined>;

/** Reads the process environment once, at start; everything below takes explicit options. */
export function readServerConfig(env: Env): ServerConfig {
  return {
    port: parsePort(env.PORT ?? '8787'),
    host: env.HOST || '127.0.0.1',
    options: {
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: env.RIPPLE_DATA_DIR || undefined,
      devSignIn: !['0', 'false', 'no', 'off'].includes((env.RIPPLE_DEV_SIGN_IN ?? '').trim().toLowerCase()),
      secret: env.RIPPLE_SECRET || undefined,
      allowedOrigins: defaultAllowedOrigins(env),
    },
  };
}

/** The extension, plus origins an admin adds (a self-hosted console, a store build's ID). */
export function defaultAllowedOrigins(env: Env): string[] {
  const extra = (env.RIPPLE_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
  return [...new Set([EXTENSION_ORIGIN, ...extra])];
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535, got "${value}"`);
  return port;
}
