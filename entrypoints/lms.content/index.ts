import { defineContentScript } from 'wxt/utils/define-content-script';
import { readPage } from './adapters';
import { FeatureManager } from './feature-manager';
import { features } from './features';

export default defineContentScript({
  // Loopback serves the embedded demo LMS and local installs. Company LMS hosts are added by
  // policy or granted by the learner at runtime (see README, "Deploying").
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  runAt: 'document_end',
  main(ctx) {
    performance.mark('ripple:start');
    // readPage never throws; a page no adapter understands gets nothing.
    const manager = new FeatureManager(features, () => readPage(new URL(location.href), document));
    manager.restart();
    ctx.addEventListener(window, 'wxt:locationchange', () => manager.restart());
    ctx.onInvalidated(() => manager.stop());
  },
});
