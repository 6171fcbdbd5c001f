import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../server/contract';
import type { FailureReason } from './protocol';

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * A request that takes longer than `requestTimeoutMs` is treated as the server being unreachable.
 * Mutable only so tests of slow servers need not wait 10 s per attempt.
 */
export const apiClientSettings = { requestTimeoutMs: 10_000 };

/**
 * The only network client of the extension. Calls made in the same tick are batched into one
 * HTTP request; batches go as POST because a page of 200 ItemKeys does not fit in a URL.
 */
export function createApiClient(serverUrl: string, getToken: () => string | null) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${serverUrl}/trpc`,
        methodOverride: 'POST',
        headers() {
          const token = getToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(apiClientSettings.requestTimeoutMs) }),
      }),
    ],
  });
}

/** Maps any failure of a server call to what a widget can say about it. */
export function classifyFailure(error: unknown): { reason: FailureReason; message?: string } {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === 'UNAUTHORIZED') return { reason: 'signed-out' };
    if (code === 'BAD_REQUEST' || code === 'FORBIDDEN' || code === 'PAYLOAD_TOO_LARGE' || code === 'TOO_MANY_REQUESTS') {
      return { reason: 'rejected', message: error.message };
    }
    // No tRPC error body at all: the request never reached a Ripple server.
    if (!error.data) return { reason: 'offline' };
    return { reason: 'error', message: error.message };
  }
  return { reason: 'offline' };
}
