import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readPage } from './adapters';
import { runFeatures } from './feature-manager';
import { features } from './features';

export default defineContentScript({
  // Loopback serves the embedded demo LMS and local installs. Company LMS hosts are added by
  // policy or granted by the learner at runtime (see README, "Deploying").
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  runAt: 'document_end',
  main(ctx) {
    performance.mark('ripple:start');
    start(ctx);
  },
});

function start(ctx: ContentScriptContext): void {
  let run: AbortController | null = null;
  ctx.onInvalidated(() => run?.abort());
  const renderPage = () => {
    run?.abort();
    run = new AbortController();
    // readPage never throws; a page no adapter understands gets nothing.
    const page = readPage(new URL(location.href), document);
    if (page) runFeatures(features, page, run.signal);
  };
  renderPage();
  ctx.addEventListener(window, 'wxt:locationchange', renderPage);
}
