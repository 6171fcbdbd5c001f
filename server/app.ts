import cors from '@fastify/cors';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Auth } from './auth';
import { DEFAULT_AUTH_RATE_LIMIT, type AuthRateLimit } from './auth/rate-limit';
import { defaultAllowedOrigins, EXTENSION_ID } from './config';
import { createContext, createContextInner } from './context';
import { pingDatabase, type Engine } from './db/connect';
import type { Database } from './db/schema';
import { appRouter, type AppRouter } from './routers/_app';
import { openStorage } from './storage';
import type { RateLimits } from './services/writes';
import { registerExtensionDistribution } from './services/extension-distribution';
import { loggerOptions, registerSecurityHeaders, requestId } from './services/http-security';
import { applyTenantsFile } from './services/tenant-config';
import { SERVER_VERSION } from './version';
import { registerUploadRoutes } from './services/upload-routes';
import { DEFAULT_UPLOAD_LIMIT_BYTES } from './contract/contributions';
import { join, resolve } from 'node:path';
import { startMaintenance } from './services/maintenance';

export interface BuildServerOptions {
  /** `postgres://...`; without it, SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the SQLite file. Default `./data`. */
  dataDir?: string;
  /** Offer dev sign-in into the demo tenant. Default true. */
  devSignIn?: boolean;
  /** Origins allowed by CORS. Default: the extension, plus env `RIPPLE_ALLOWED_ORIGINS`. */
  allowedOrigins?: string[];
  /** Token signing key (env `RIPPLE_SECRET`); default: one generated and kept in the database. */
  secret?: string;
  /** Learner write limits per user (reviews, comments, votes, reports). Default 30/minute, 300/day. */
  rateLimits?: Partial<RateLimits>;
  /** Pino options (level, stream); redaction of credentials is always added. Default off. */
  logger?: FastifyServerOptions['logger'];
  /** JSON file of tenants (slug, name, provider, settings) applied at start (env `RIPPLE_TENANTS_FILE`). */
  tenantsFile?: string;
  /** Per-address limit of the auth endpoints (env `RIPPLE_AUTH_RATE_LIMIT_PER_MINUTE`). Default 20/min. */
  authRateLimit?: Partial<AuthRateLimit>;
  /** Fastify's trustProxy: behind a load balancer, which X-Forwarded-* to believe (env `RIPPLE_TRUST_PROXY`). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Strict-Transport-Security: 'auto' (default) when the request came over https. */
  hsts?: boolean | 'auto';
  /** Packed extension served at /extension/ripple.crx (env `RIPPLE_CRX_PATH`). */
  crxPath?: string;
  /** Public base URL, for links the server hands out (env `RIPPLE_PUBLIC_URL`). */
  publicUrl?: string;
  /** Folder of uploaded files (env `RIPPLE_UPLOADS_DIR`). Default `<dataDir>/uploads`. */
  uploadsDir?: string;
  /** Largest upload in bytes (env `RIPPLE_UPLOAD_LIMIT_BYTES`). Default 10 MB. */
  uploadLimitBytes?: number;
}

export interface RippleServer {
  /** Not yet listening: the caller may add routes, then `listen` or `inject`. */
  app: FastifyInstance;
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, safe to print. */
  location: string;
  auth: Auth;
  /** Stops the HTTP server and closes the database. */
  close(): Promise<void>;
}

/** Largest request accepted: ~500 ItemKeys of maximal length fit; anything bigger is refused. */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** Most procedure calls in one batched request. */
export const MAX_BATCH_SIZE = 100;

export async function buildServer(options: BuildServerOptions = {}): Promise<RippleServer> {
  const storage = await openStorage(options);
  const authRateLimit = { ...DEFAULT_AUTH_RATE_LIMIT, ...options.authRateLimit };
  // A batch names every procedure in the path (`/trpc/ratings.set,ratings.set,…`): allow
  // MAX_BATCH_SIZE of them rather than Fastify's default 100-character parameter.
  const app = Fastify({
    logger: loggerOptions(options.logger),
    genReqId: requestId,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 5000 },
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  });
  // Expired receipts, old activity dedup rows and what tenants' retention says must go.
  const maintenance = startMaintenance(storage.db, app.log);
  app.addHook('onClose', async () => {
    await maintenance.stop();
    await storage.close();
  });

  try {
    if (options.tenantsFile) {
      const slugs = await applyTenantsFile(storage.db, options.tenantsFile);
      app.log.info({ tenants: slugs }, 'tenants configured from RIPPLE_TENANTS_FILE');
    }
    registerSecurityHeaders(app, { hsts: options.hsts ?? 'auto' });
    await app.register(cors, {
      origin: options.allowedOrigins ?? defaultAllowedOrigins(process.env),
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'trpc-accept'],
      maxAge: 600,
    });

    app.get('/healthz', async () => ({ status: 'ok' }));
    app.get('/readyz', async (_request, reply) => {
      try {
        await pingDatabase(storage.db);
        return { status: 'ready', engine: storage.engine };
      } catch (error) {
        app.log.error({ err: error }, 'readiness check: database unreachable');
        return reply.code(503).send({ status: 'unavailable' });
      }
    });

    const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
      router: appRouter,
      createContext: (opts) => {
        // Live updates come over SSE (EventSource cannot set headers): the extension's
        // httpSubscriptionLink sends a one-minute stream ticket (`live.ticket`) as connectionParams
        // `{ ticket }`, in the URL. It is honoured on the live stream and nowhere else.
        const ticket = opts.info.connectionParams?.ticket;
        const streamOnly = opts.info.calls.length > 0 && opts.info.calls.every((call) => call.path === 'live.items');
        if (!opts.req.headers.authorization && typeof ticket === 'string' && streamOnly) {
          return createContextInner({ ...storage, authRateLimit, streamTicket: ticket, clientIp: opts.req.ip });
        }
        return createContext({ ...storage, authRateLimit }, opts);
      },
      // The extension asks about up to 500 ItemKeys at once, which does not fit in a GET URL.
      allowMethodOverride: true,
      maxBatchSize: MAX_BATCH_SIZE,
      maxBodySize: BODY_LIMIT_BYTES,
      onError({ error, path }) {
        // Clients get a bare "Internal server error" (see error-formatter.ts); keep the cause here.
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        // Single sign-on trouble an admin must see (provider down, tenant misconfigured).
        else if (error.code === 'BAD_GATEWAY' || error.code === 'PRECONDITION_FAILED') app.log.warn({ path, reason: error.message }, 'sign-in failed');
      },
    };
    await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
    registerExtensionDistribution(app, { extensionId: EXTENSION_ID, version: SERVER_VERSION, crxPath: options.crxPath, publicUrl: options.publicUrl });
    await registerUploadRoutes(app, {
      db: storage.db,
      auth: storage.auth,
      rateLimits: storage.rateLimits,
      config: {
        dir: resolve(options.uploadsDir ?? (process.env.RIPPLE_UPLOADS_DIR || join(options.dataDir ?? './data', 'uploads'))),
        limitBytes: options.uploadLimitBytes ?? (Number(process.env.RIPPLE_UPLOAD_LIMIT_BYTES) || DEFAULT_UPLOAD_LIMIT_BYTES),
      },
    });
  } catch (error) {
    await app.close();
    throw error;
  }

  return {
    app,
    db: storage.db,
    engine: storage.engine,
    location: storage.location,
    auth: storage.auth,
    close: () => app.close(),
  };
}
