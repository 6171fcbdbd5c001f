import type { Contribution } from '../../server/contract/contributions';
import { base64ToBytes, bytesToBase64 } from '../../components/base64';
import type { Result } from './protocol';
import type { Session } from './session';

/**
 * Files go over plain HTTP routes (`POST /uploads`, `GET /uploads/:id`), not tRPC: raw bytes, no
 * JSON wrapping. The bearer token is added here, in the background, and never handed to a page.
 */
export async function uploadFile(
  session: Session,
  input: { item: string; name: string; base64: string },
): Promise<Result<{ contribution: Contribution }>> {
  const query = new URLSearchParams({ item: input.item, name: input.name, clientId: crypto.randomUUID() });
  const answer = await authorizedFetch(session, (serverUrl) => `${serverUrl}/uploads?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: base64ToBytes(input.base64),
  });
  if (!answer.ok) return answer;
  return { ok: true, contribution: (await answer.response.json()) as Contribution };
}

export async function downloadFile(session: Session, id: string): Promise<Result<{ base64: string; mime: string }>> {
  const answer = await authorizedFetch(session, (serverUrl) => `${serverUrl}/uploads/${encodeURIComponent(id)}`, { method: 'GET' });
  if (!answer.ok) return answer;
  const bytes = new Uint8Array(await answer.response.arrayBuffer());
  return { ok: true, base64: bytesToBase64(bytes), mime: answer.response.headers.get('content-type') ?? 'application/octet-stream' };
}

/** Status codes the server answers with a message meant for the learner (see upload-routes.ts). */
const REFUSALS = new Set([400, 403, 404, 409, 413, 415, 429]);

async function authorizedFetch(
  session: Session,
  url: (serverUrl: string) => string,
  init: RequestInit,
): Promise<{ ok: true; response: Response } | { ok: false; reason: 'offline' | 'signed-out' | 'rejected' | 'error'; message?: string }> {
  // An expired token is renewed once, as for tRPC calls (session-call.ts).
  for (let attempt = 0; attempt < 2; attempt++) {
    const stored = await session.ensure().catch(() => null);
    if (!stored) return { ok: false, reason: 'signed-out' };
    let response: Response;
    try {
      response = await fetch(url(stored.serverUrl), { ...init, headers: { ...init.headers, authorization: `Bearer ${stored.token}` } });
    } catch {
      return { ok: false, reason: 'offline' };
    }
    if (response.ok) return { ok: true, response };
    if (response.status === 401 && attempt === 0) {
      await session.expireAccess();
      continue;
    }
    if (response.status === 401) return { ok: false, reason: 'signed-out' };
    const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
    const message = typeof body?.message === 'string' ? body.message : undefined;
    return { ok: false, reason: REFUSALS.has(response.status) ? 'rejected' : 'error', ...(message ? { message } : {}) };
  }
  return { ok: false, reason: 'signed-out' };
}
