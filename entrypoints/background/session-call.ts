import type { Result } from './protocol';
import type { Session } from './session';
import type { ApiClient } from './api-client';
import { classifyFailure } from './api-client';

/**
 * Runs a server call with a valid session and maps failures to what a page can show. A call the
 * server refuses for an unknown or expired token signs in again once and retries.
 */
export async function callWithSession<T extends object>(session: Session, call: (api: ApiClient) => Promise<T>): Promise<Result<T>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      if (!(await session.ensure())) return { ok: false, reason: 'signed-out' };
      return { ok: true, ...(await call(await session.api())) };
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.reason === 'signed-out' && attempt === 0) {
        await session.expireAccess();
        continue;
      }
      return { ok: false, ...failure };
    }
  }
  return { ok: false, reason: 'signed-out' };
}
