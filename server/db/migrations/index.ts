import type { Migration } from 'kysely';
import * as init from './0001_init';
import * as reviewsDiscussions from './0002_reviews_discussions';
import * as popularity from './0003_popularity';
import * as identity from './0004_identity';
import * as liveEvents from './0005_live_events';
import * as contributions from './0006_contributions';
import * as producerCountsAndModeration from './0007_producer_counts_and_moderation';
import * as maintenanceIndexes from './0008_maintenance_indexes';
import * as itemRevision from './0009_item_revision';

/**
 * Every migration, by name, in order. They live in code (not read from a folder at run time) so
 * the server works the same from source, from a bundle and under tests. Never edit or remove a
 * migration that has shipped: add the next one.
 */
export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_reviews_discussions': reviewsDiscussions,
  '0003_popularity': popularity,
  '0004_identity': identity,
  '0005_live_events': liveEvents,
  '0006_contributions': contributions,
  '0007_producer_counts_and_moderation': producerCountsAndModeration,
  '0008_maintenance_indexes': maintenanceIndexes,
  '0009_item_revision': itemRevision,
};
