import type { Feature } from './feature-manager';
import { ratingWidget } from './features/rating-widget';

/** Every feature, in the order they start. */
export const features: readonly Feature[] = [ratingWidget];
