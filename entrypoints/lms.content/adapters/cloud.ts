import { absorbSpec } from './absorb/spec';
import { blackboardSpec } from './blackboard/spec';
import { brightspaceSpec } from './brightspace/spec';
import { canvasSpec } from './canvas/spec';
import { cornerstoneSpec } from './cornerstone/spec';
import { doceboSpec } from './docebo/spec';
import { linkedinLearningSpec } from './linkedin-learning/spec';
import { openedxSpec } from './openedx/spec';
import type { AdapterSpec } from './spec/types';
import { successfactorsSpec } from './successfactors/spec';
import { talentlmsSpec } from './talentlms/spec';
import { workdaySpec } from './workday/spec';

/**
 * Vendors on their own known hosts (lms-adapters.md): the vendor content script runs only there,
 * and carries only these adapters. Canvas and Open edX appear in both lists: Instructure and edX
 * host them, and companies run them on their own hosts too.
 */
export const CLOUD_SPECS: readonly AdapterSpec[] = [
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
];
