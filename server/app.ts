import cors from '@fastify/cors';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Auth } from './auth';
import { defaultAllowedOrigins } from './config';
import { createContext } from './context';
import { pingDatabase, type Engine } from './db/connect';
import type { Database } from './db/schema';
import { appRouter, type AppRouter } from './routers/_app';
import { openStorage } from './storage';
import type { RateLimits } from './services/writes';

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
  logger?: FastifyServerOptions['logger'];
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
  // A batch names every procedure in the path (`/trpc/ratings.set,ratings.set,…`): allow
  // MAX_BATCH_SIZE of them rather than Fastify's default 100-character parameter.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT_BYTES, routerOptions: { maxParamLength: 5000 } });
  app.addHook('onClose', async () => {
    await storage.close();
  });

  try {
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
      createContext: (opts) => createContext(storage, opts),
      // The extension asks about up to 500 ItemKeys at once, which does not fit in a GET URL.
      allowMethodOverride: true,
      maxBatchSize: MAX_BATCH_SIZE,
      maxBodySize: BODY_LIMIT_BYTES,
      onError({ error, path }) {
        // Clients get a bare "Internal server error" (see error-formatter.ts); keep the cause here.
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    };
    await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
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
