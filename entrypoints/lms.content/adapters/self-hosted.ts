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
 */
export const SELF_HOSTED_SPECS: readonly AdapterSpec[] = [canvasSpec, openedxSpec, totaraSpec, sakaiSpec, chamiloSpec];
