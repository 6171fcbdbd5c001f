import { browser } from 'wxt/browser';
import { hostToMatchPattern } from './policy';

const SCRIPT_ID = 'ripple-lms-hosts';

/**
 * Runs the LMS content script on the admin's self-hosted LMS hosts. Each host needs the
 * learner's browser permission (asked from the options page, one host at a time, never "all
 * sites"); hosts without it are returned so the options page can ask.
 */
export async function syncLmsHosts(hosts: readonly string[]): Promise<string[]> {
  const patterns = [...new Set(hosts.map(hostToMatchPattern).filter((p): p is string => p !== null))];
  const granted: string[] = [];
  const missing: string[] = [];
  for (const pattern of patterns) {
    (await browser.permissions.contains({ origins: [pattern] }).catch(() => false) ? granted : missing).push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length) {
    await browser.scripting.registerContentScripts([
      { id: SCRIPT_ID, matches: granted, js: ['/content-scripts/lms.js'], runAt: 'document_start', persistAcrossSessions: true },
    ]);
  }
  return missing;
}
