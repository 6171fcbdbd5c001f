import type { LmsAdapter } from '../types';
import { hostMatches } from '../spec/interpret';
import { looksLikeMoodle } from './detect';
import { readMoodlePage } from './read';
import { withMoodleSelectors } from './selectors';

/**
 * What an admin's config can change in the Moodle adapter (which stays code: its readers handle
 * versions and themes that selectors alone cannot): the hosts it is known to run on, and any
 * named selector of `selectors.ts`, for a theme that renders Moodle's markup differently.
 */
export interface MoodleAdapterOptions {
  id?: string;
  hosts?: readonly string[];
  selectors?: Readonly<Record<string, unknown>>;
}

export function createMoodleAdapter(options: MoodleAdapterOptions = {}): LmsAdapter {
  const lms = options.id ?? 'moodle';
  const onKnownHost = (url: URL): boolean => hostMatches(options.hosts, url.hostname);
  return {
    id: lms,
    matchesHost: onKnownHost,
    matches: (url, doc) => onKnownHost(url) || withMoodleSelectors(options.selectors, () => looksLikeMoodle(doc)),
    read: (url, doc) => {
      try {
        return withMoodleSelectors(options.selectors, () => readMoodlePage(url, doc, lms));
      } catch {
        // Malformed or unexpected markup must never break the host page or the content script.
        return null;
      }
    },
  };
}

/** Moodle 4.x/5.x (Boost, Classic and themes built on them), on any host and install path. */
export const moodleAdapter: LmsAdapter = createMoodleAdapter();
