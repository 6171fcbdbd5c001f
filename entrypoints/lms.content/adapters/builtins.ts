import { CLOUD_SPECS } from './cloud';
import { SELF_HOSTED_SPECS } from './self-hosted';
import type { AdapterSpec } from './spec/types';

/**
 * The built-in adapters in the data format, in the order their fingerprints are asked (hosts are
 * asked first for all of them). Totara before Moodle: a Totara page is also a Moodle page.
 * Moodle and the generic fallback are code (index.ts places them).
 */
export const BUILTIN_SPECS: readonly AdapterSpec[] = [
  ...CLOUD_SPECS,
  ...SELF_HOSTED_SPECS.filter((spec) => !CLOUD_SPECS.includes(spec)),
];
