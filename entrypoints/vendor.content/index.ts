import { defineContentScript } from 'wxt/utils/define-content-script';
import { CLOUD_SPECS } from '../lms.content/adapters/cloud';
import { CLOUD_MATCHES } from '../lms.content/cloud-matches';
import { startRipple } from '../lms.content/start';

/** Cloud LMS vendors on their known hosts: the same widgets, with only these vendors' adapters. */
export default defineContentScript({
  matches: CLOUD_MATCHES,
  runAt: 'document_start',
  main: (ctx) => startRipple(ctx, CLOUD_SPECS),
});
