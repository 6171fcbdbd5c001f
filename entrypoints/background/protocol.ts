import { browser } from 'wxt/browser';
import type { RatingSummary } from '../../server/contract/ratings';
import type { Profile } from '../../server/contract/auth';

/**
 * The one typed map of messages that pages (content scripts, options, side panel) send to the
 * background. This file is the only background file other entrypoints import; it must stay free
 * of zod and Dexie so the content script stays small. The background validates every message on
 * receipt (./message-schemas.ts) and checks who sent it.
 */

/** Why a call did not succeed, in terms a widget can show. */
export type FailureReason = 'offline' | 'signed-out' | 'rejected' | 'error';

export type Result<T> = ({ ok: true } & T) | { ok: false; reason: FailureReason; message?: string };

export interface ProtocolMap {
  /** Cache only, answered at once: what the widget can show before the network answers. */
  'summaries.cached': { request: { items: string[] }; response: { summaries: RatingSummary[] } };
  /** One batched server request for every item on the page; the cache is refreshed with it. */
  'summaries.fresh': { request: { items: string[] }; response: Result<{ summaries: RatingSummary[] }> };
  'rating.set': {
    request: { item: string; stars: number; title?: string };
    response: Result<{ summary: RatingSummary }>;
  };
  /** Extension pages only. */
  'session.get': { request: Record<string, never>; response: SessionState };
  'session.signIn': {
    request: { serverUrl: string; displayName: string; team: string };
    response: Result<{ state: SessionState }>;
  };
  'session.signOut': { request: Record<string, never>; response: SessionState };
}

export interface SessionState {
  serverUrl: string;
  profile: Profile | null;
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<T extends MessageType> = ProtocolMap[T]['request'];
export type ResponseOf<T extends MessageType> = ProtocolMap[T]['response'];

export interface Envelope<T extends MessageType = MessageType> {
  ripple: 1;
  type: T;
  data: RequestOf<T>;
}

export async function sendToBackground<T extends MessageType>(type: T, data: RequestOf<T>): Promise<ResponseOf<T>> {
  const envelope: Envelope<T> = { ripple: 1, type, data };
  return (await browser.runtime.sendMessage(envelope)) as ResponseOf<T>;
}
