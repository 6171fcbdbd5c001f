/**
 * Where the vendor content script runs: the cloud vendors' known hosts (lms-adapters.md), plus
 * LinkedIn's `/learning/` pages only. A plain list, so the manifest and the on-demand panel script
 * can name these hosts without bundling the adapters; a test keeps it in step with the specs.
 */
export const CLOUD_MATCHES = [
  'https://*.instructure.com/*',
  'https://learning.edx.org/*',
  'https://app.learn.wiki/*',
  'https://*.csod.com/*',
  'https://*.plateau.com/*',
  'https://*.successfactors.com/*',
  'https://*.successfactors.eu/*',
  'https://*.sapsf.com/*',
  'https://*.sapsf.eu/*',
  'https://*.docebosaas.com/*',
  'https://*.myworkday.com/*',
  'https://*.talentlms.com/*',
  'https://*.myabsorb.com/*',
  'https://*.myabsorb.ca/*',
  'https://*.myabsorb.eu/*',
  'https://*.myabsorb.com.au/*',
  'https://*.brightspace.com/*',
  'https://*.desire2learn.com/*',
  'https://*.blackboard.com/*',
  'https://www.linkedin.com/learning/*',
];
