import type { BuildServerOptions } from './app';

/** The pinned ID of the Ripple extension (from the public key in wxt.config.ts). */
export const EXTENSION_ID = 'bgnjicjffkcfkndjddomcliapknpkgkm';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  port: number;
  host: string;
  /** `LOG_LEVEL`; default info. Logs are JSON lines (pino) with request ids, credentials redacted. */
  logLevel: LogLevel;
  options: BuildServerOptions;
}

type Env = Record<string, string | undefined>;

/** Reads the process environment once, at start; everything below takes explicit options. */
export function readServerConfig(env: Env): ServerConfig {
  return {
    port: parsePort(env.PORT ?? '8787'),
    host: env.HOST || '127.0.0.1',
    logLevel: parseLogLevel(env.LOG_LEVEL),
    options: {
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: env.RIPPLE_DATA_DIR || undefined,
      devSignIn: !['0', 'false', 'no', 'off'].includes((env.RIPPLE_DEV_SIGN_IN ?? '').trim().toLowerCase()),
      secret: env.RIPPLE_SECRET || undefined,
      allowedOrigins: defaultAllowedOrigins(env),
      tenantsFile: env.RIPPLE_TENANTS_FILE || undefined,
      trustProxy: parseTrustProxy(env.RIPPLE_TRUST_PROXY),
      authRateLimit: env.RIPPLE_AUTH_RATE_LIMIT_PER_MINUTE
        ? { perMinute: parseCount('RIPPLE_AUTH_RATE_LIMIT_PER_MINUTE', env.RIPPLE_AUTH_RATE_LIMIT_PER_MINUTE) }
        : undefined,
      hsts: parseHsts(env.RIPPLE_HSTS),
      crxPath: env.RIPPLE_CRX_PATH || undefined,
      publicUrl: parsePublicUrl(env.RIPPLE_PUBLIC_URL),
    },
  };
}

function parseLogLevel(value: string | undefined): LogLevel {
  const level = (value ?? '').trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return level as LogLevel;
}

/** `true`/`1` (trust every proxy), a hop count, or a comma list of proxy addresses/CIDRs. */
function parseTrustProxy(value: string | undefined): BuildServerOptions['trustProxy'] {
  const text = (value ?? '').trim();
  if (text === '' || ['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return undefined;
  if (['true', 'yes', 'on'].includes(text.toLowerCase())) return true;
  if (/^\d+$/.test(text)) {
    // Trust that many proxy hops in front of the server.
    const hops = Number(text);
    return (_address: string, hop: number) => hop < hops;
  }
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function parseHsts(value: string | undefined): BuildServerOptions['hsts'] {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'auto') return undefined;
  if (['1', 'true', 'on', 'yes'].includes(text)) return true;
  if (['0', 'false', 'off', 'no'].includes(text)) return false;
  throw new Error(`RIPPLE_HSTS must be auto, on or off, got "${value}"`);
}

function parseCount(name: string, value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new Error(`${name} must be an integer ≥ 0 (0 turns the limit off), got "${value}"`);
  return count;
}

function parsePublicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`RIPPLE_PUBLIC_URL must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`RIPPLE_PUBLIC_URL must be http(s), got "${value}"`);
  return url.href.replace(/\/+$/, '');
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
