import { defineContentScript } from 'wxt/utils/define-content-script';
import { SELF_HOSTED_SPECS } from './adapters/self-hosted';
import { LMS_MATCHES } from './matches';
import { startRipple } from './start';

/** Self-hosted LMSs (Moodle, Totara, Canvas, Open edX, Sakai, Chamilo), recognised by their pages. */
export default defineContentScript({
  matches: LMS_MATCHES,
  runAt: 'document_start',
  main: (ctx) => startRipple(ctx, SELF_HOSTED_SPECS),
});
