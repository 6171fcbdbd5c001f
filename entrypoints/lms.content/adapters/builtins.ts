import { absorbSpec } from './absorb/spec';
import { blackboardSpec } from './blackboard/spec';
import { brightspaceSpec } from './brightspace/spec';
import { canvasSpec } from './canvas/spec';
import { chamiloSpec } from './chamilo/spec';
import { cornerstoneSpec } from './cornerstone/spec';
import { doceboSpec } from './docebo/spec';
import { linkedinLearningSpec } from './linkedin-learning/spec';
import { openedxSpec } from './openedx/spec';
import { sakaiSpec } from './sakai/spec';
import type { AdapterSpec } from './spec/types';
import { successfactorsSpec } from './successfactors/spec';
import { talentlmsSpec } from './talentlms/spec';
import { totaraSpec } from './totara/spec';
import { workdaySpec } from './workday/spec';

/**
 * The built-in adapters in the data format, in the order their fingerprints are asked (hosts are
 * asked first for all of them). Totara before Moodle: a Totara page is also a Moodle page.
 * Moodle and the generic fallback are code (index.ts places them).
 */
export const BUILTIN_SPECS: readonly AdapterSpec[] = [
  canvasSpec,
  openedxSpec,
  cornerstoneSpec,
  successfactorsSpec,
  doceboSpec,
  workdaySpec,
  talentlmsSpec,
  absorbSpec,
  brightspaceSpec,
  blackboardSpec,
  linkedinLearningSpec,
  totaraSpec,
  sakaiSpec,
  chamiloSpec,
];
