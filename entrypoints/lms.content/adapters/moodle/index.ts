import type { LmsAdapter } from '../types';
import { looksLikeMoodle } from './detect';
import { readMoodlePage } from './read';

/** Moodle 4.x/5.x (Boost, Classic and themes built on them), on any host and install path. */
export const moodleAdapter: LmsAdapter = {
  id: 'moodle',
  matches: (_url, doc) => looksLikeMoodle(doc),
  read: (url, doc) => {
    try {
      return readMoodlePage(url, doc);
    } catch {
      // Malformed or unexpected markup must never break the host page or the content script.
      return null;
    }
  },
};
