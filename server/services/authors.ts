import { createHmac } from 'node:crypto';
import type { Author } from '../contract';
import type { TenantSettings } from './tenant-settings';

/**
 * The stable pseudonym of a user in a tenant, e.g. "Learner 48213": an HMAC of the user id under
 * the tenant's secret, so the same person always gets the same name in that tenant, and neither
 * the name nor the code reveals or can be traced back to the id without the secret. Five digits:
 * two people of one 20-person thread share a number with a chance of about 0.2 %.
 */
export function pseudonym(secret: string, userId: string): string {
  const digest = createHmac('sha256', secret).update(`pseudonym:${userId}`).digest();
  const number = 10_000 + (digest.readUInt32BE(0) % 90_000);
  return `Learner ${number}`;
}

/** How an author appears to everyone (themselves included) under the tenant's policy. */
export function authorOf(settings: TenantSettings, userId: string, displayName: string): Author {
  return settings.pseudonyms
    ? { name: pseudonym(settings.pseudonymSecret, userId), pseudonymous: true }
    : { name: displayName, pseudonymous: false };
}
