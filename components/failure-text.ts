import type { FailureReason } from '../entrypoints/background/protocol';
import type { Translate } from './i18n';

const REASON_KEYS: Record<FailureReason, string> = {
  offline: 'reasonOffline',
  'signed-out': 'reasonSignedOut',
  rejected: 'reasonRejected',
  error: 'reasonError',
  queued: 'reasonQueued',
};

/** The i18n key that explains a failure reason to the learner. */
export function reasonKey(reason: FailureReason): string {
  return REASON_KEYS[reason];
}

/** What to tell the learner when a call failed: the server's own words for refusals (rate limits, sizes). */
export function failureText(t: Translate, failure: { reason: FailureReason; message?: string }): string {
  if (failure.reason === 'rejected' && failure.message) return failure.message;
  return t(REASON_KEYS[failure.reason]);
}
