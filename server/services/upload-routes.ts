import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TRPCError } from '@trpc/server';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Auth } from '../auth';
import { isSessionActive } from '../auth/sessions';
import { bearerToken } from '../context';
import { ClientWriteId } from '../contract/ratings';
import { ItemKeySchema } from '../contract/item-key-schema';
import type { Database } from '../db/schema';
import { createFileContribution, findDownload, hashStillUsed } from './contributions';
import { findAuthenticatedUser, type AuthenticatedUser } from './users';
import {
  blobPath,
  contentDisposition,
  nameContradicts,
  removeBlob,
  sanitizeFileName,
  setUploadConfig,
  sniffUpload,
  storeBlob,
  UPLOAD_MIME,
  type UploadConfig,
} from './uploads';
import { RateLimitExceeded, type RateLimits } from './writes';

const UploadQuery = z.object({
  item: ItemKeySchema,
  name: z.string().min(1).max(255),
  clientId: ClientWriteId,
});

declare module 'fastify' {
  interface FastifyRequest {
    rippleUser?: AuthenticatedUser;
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * `POST /uploads?item=&name=&clientId=` (raw bytes, application/octet-stream, bearer token):
 * a file contribution. `GET /uploads/:id` (bearer token): its bytes, to the same tenant only.
 * The body is read whole (at most `limitBytes`, else 413) before anything is written, so a cut-off
 * upload stores nothing; the type comes from the bytes (415 when not allowed or contradicting the
 * name); the blob is written to a temp file and renamed under its SHA-256.
 */
export async function registerUploadRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; auth: Auth; rateLimits: RateLimits; config: UploadConfig },
): Promise<void> {
  const { db, auth, rateLimits, config } = deps;
  setUploadConfig(db, config);

  async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const claims = auth.verifyToken(bearerToken(request.headers.authorization) ?? '');
    const user = claims ? await findAuthenticatedUser(db, claims.tenantId, claims.userId) : null;
    if (!claims || !user || !(await isSessionActive(db, claims))) {
      return reply.code(401).send({ error: 'unauthorized', message: 'Sign in required' });
    }
    request.rippleUser = user;
  }

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: config.limitBytes }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply.code(413).send({ error: 'too-large', message: `The file is larger than the ${megabytes(config.limitBytes)} limit` });
      }
      if (error.statusCode === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return reply.code(415).send({ error: 'unsupported-media-type', message: 'Send the file as raw bytes with content-type application/octet-stream' });
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return reply.code(error.statusCode).send({ error: 'bad-request', message: error.message });
      }
      app.log.error({ err: error }, 'upload failed');
      return reply.code(500).send({ error: 'internal', message: 'Internal server error' });
    });

    scope.post('/uploads', { bodyLimit: config.limitBytes, onRequest: authenticate }, async (request, reply) => {
      const user = request.rippleUser!;
      const query = UploadQuery.safeParse(request.query);
      if (!query.success) {
        return reply.code(400).send({ error: 'bad-request', message: 'Give item (an ItemKey), name (1–255 characters) and clientId in the query' });
      }
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) return reply.code(400).send({ error: 'bad-request', message: 'The file is empty' });
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared !== bytes.length) return reply.code(400).send({ error: 'bad-request', message: 'The upload was cut off' });
      const type = sniffUpload(bytes, query.data.name);
      if (!type || nameContradicts(query.data.name, type)) {
        return reply.code(415).send({
          error: 'unsupported-type',
          message: type
            ? `The file's content is ${type.toUpperCase()}, which its name does not say`
            : 'Only PDF, PNG, JPEG, GIF, WebP, text, CSV, Word, Excel and PowerPoint files can be shared',
        });
      }
      const { hash, created } = await storeBlob(config.dir, bytes);
      try {
        const contribution = await createFileContribution(db, user, rateLimits, {
          item: query.data.item,
          clientId: query.data.clientId,
          file: { hash, type, size: bytes.length, name: sanitizeFileName(query.data.name, type) },
        });
        return reply.code(201).send(contribution);
      } catch (error) {
        // Nothing half-stored: a blob this call created and no row uses goes again.
        if (created && !(await hashStillUsed(db, hash))) await removeBlob(config.dir, hash);
        if (error instanceof TRPCError) {
          const status = { TOO_MANY_REQUESTS: 429, CONFLICT: 409, NOT_FOUND: 404, FORBIDDEN: 403, BAD_REQUEST: 400 }[error.code as string] ?? 500;
          if (error.cause instanceof RateLimitExceeded) reply.header('retry-after', String(error.cause.retryAfterSeconds));
          if (status !== 500) return reply.code(status).send({ error: error.code.toLowerCase(), message: error.message });
        }
        throw error;
      }
    });

    scope.get<{ Params: { id: string } }>('/uploads/:id', { onRequest: authenticate }, async (request, reply) => {
      const file = /^[A-Za-z0-9-]{1,64}$/.test(request.params.id) ? await findDownload(db, request.rippleUser!, request.params.id) : null;
      const stored = file ? await stat(blobPath(config.dir, file.hash)).catch(() => null) : null;
      if (!file || !stored) return reply.code(404).send({ error: 'not-found', message: 'No such file' });
      return reply
        .header('content-type', UPLOAD_MIME[file.type])
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(createReadStream(blobPath(config.dir, file.hash)));
    });
  });
}
