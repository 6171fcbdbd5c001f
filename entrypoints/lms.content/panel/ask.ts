import { sendToBackground, type FailureReason, type MessageType, type RequestOf, type ResponseOf } from '../../background/protocol';
import { t } from '../i18n';

/** A message to the background that never throws: a reloaded extension reads as offline. */
export async function ask<T extends MessageType>(type: T, data: RequestOf<T>): Promise<ResponseOf<T> | { ok: false; reason: FailureReason; message?: string }> {
  try {
    return await sendToBackground(type, data);
  } catch {
    return { ok: false, reason: 'offline' };
  }
}

/** What to tell the learner when a call failed: the server's own words for refusals (rate limits, limits). */
export function failureText(failure: { reason: FailureReason; message?: string }): string {
  if (failure.reason === 'rejected' && failure.message) return failure.message;
  return t({ offline: 'reasonOffline', 'signed-out': 'reasonSignedOut', rejected: 'reasonRejected', error: 'reasonError' }[failure.reason]);
}
