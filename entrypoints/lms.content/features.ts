import type { Feature } from './feature-manager';
import { ratingWidget } from './features/rating-widget';
import { tileBadges } from './features/tile-badges';
import { popularShelf } from './features/popular-shelf';

/** Every feature, in the order they start (the page's own item first: it is what the learner came for). */
export const features: readonly Feature[] = [ratingWidget, tileBadges, popularShelf];
