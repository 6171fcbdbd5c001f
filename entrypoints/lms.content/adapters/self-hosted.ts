import { canvasSpec } from './canvas/spec';
import { chamiloSpec } from './chamilo/spec';
import { openedxSpec } from './openedx/spec';
import { sakaiSpec } from './sakai/spec';
import type { AdapterSpec } from './spec/types';
import { totaraSpec } from './totara/spec';

/**
 * The LMSs a company can run on its own hosts, recognised by their pages wherever they are
 * (with Moodle and the generic fallback, which the registry always adds). Cloud-only vendors
 * (Cornerstone, SuccessFactors, Docebo, Workday …) live on their known hosts and ship in the
 * vendor content script instead, so a self-hosted LMS page does not pay for them.
 *
 * In the order their fingerprints are asked (after every adapter's hosts). Totara comes first, as
 * its pages are Moodle pages with more in them; Moodle, which the registry puts right after it,
 * is by far the most common self-hosted LMS and its check is cheap, so a Moodle page is not read
 * for the others' markers (2 ms of the script's 17 in a Chromium profile of the course page).
 */
export const SELF_HOSTED_SPECS: readonly AdapterSpec[] = [totaraSpec, sakaiSpec, chamiloSpec, canvasSpec, openedxSpec];
