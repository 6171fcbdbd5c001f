import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/**
 * HTTP hardening shared by every route: security headers on every response, request ids, and
 * logger options that keep credentials out of the logs.
 */
export interface SecurityHeadersOptions {
  /**
   * Strict-Transport-Security: true always, false never, 'auto' (default) when the request came
   * over https (directly, or per X-Forwarded-Proto from a trusted proxy).
   */
  hsts?: boolean | 'auto';
}

export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeadersOptions = {}): void {
  const hsts = options.hsts ?? 'auto';
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-resource-policy', 'same-site');
    // API answers are data, never documents: nothing may load, run or frame them. A route that
    // serves a page (a console to come) sets its own policy.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', API_CONTENT_SECURITY_POLICY);
    // Tokens and personal data: never in a shared cache.
    if (!reply.hasHeader('cache-control') && request.url.startsWith('/trpc')) reply.header('cache-control', 'no-store');
    if (hsts === true || (hsts === 'auto' && request.protocol === 'https')) reply.header('strict-transport-security', HSTS_VALUE);
    reply.header('x-request-id', request.id);
    return payload;
  });
}

/** An incoming X-Request-Id (from a load balancer) is kept when it is a sane token; else a UUID. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** Paths pino replaces by `[redacted]`, wherever a log line carries them. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
  'refreshToken',
  'code',
  'codeVerifier',
  'clientSecret',
  '*.authorization',
  '*.token',
  '*.refreshToken',
  '*.code',
  '*.codeVerifier',
  '*.clientSecret',
  '*.client_secret',
  '*.id_token',
  '*.access_token',
];

/** Query parameters that can carry a credential (the live stream's token rides in `connectionParams`). */
const SECRET_QUERY_PARAMS = new Set(['connectionParams', 'token', 'access_token', 'code']);

/** A request URL as logs may keep it: credential-bearing query parameters replaced. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  let changed = false;
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY_PARAMS.has(key)) {
      params.set(key, '[redacted]');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, query)}?${params.toString()}` : url;
}

/** The server's logger options: pino with redaction, whatever level or stream the caller chose. */
export function loggerOptions(given: FastifyServerOptions['logger'] | undefined): FastifyServerOptions['logger'] {
  if (!given) return false;
  const base = given === true ? {} : given;
  return {
    level: 'info',
    ...base,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    // Fastify logs every request's URL: the query string is cleaned first.
    serializers: {
      req: (request: { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.hostname,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}
