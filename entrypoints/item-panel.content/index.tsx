import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ItemPanel, type ItemPanelProps } from '../../components/panel/ItemPanel';
import { PanelApiContext } from '../../components/panel/panel-api';
import { contentPanelApi } from '../lms.content/panel-api';
import { LMS_MATCHES } from '../lms.content/matches';
import { CLOUD_MATCHES } from '../lms.content/cloud-matches';
import { PANEL_MODULE_GLOBAL, type PanelModule } from './panel-module';
import { PANEL_STYLES } from '../../components/widget-styles';

/**
 * The reviews-and-discussion panel, injected by the background only when a learner opens it: the
 * script every LMS page pays for stays small, and only those who read reviews load this one.
 */
export default defineContentScript({
  registration: 'runtime',
  // Wherever a content script runs, so the background may inject the panel there.
  matches: [...LMS_MATCHES, ...CLOUD_MATCHES],
  main() {
    const module: PanelModule = {
      mount(container, props) {
        // The panel's styles come with it, into the same shadow root as the widget.
        const style = document.createElement('style');
        style.textContent = PANEL_STYLES;
        style.dataset.rippleStyle = 'panel';
        container.before(style);
        const draw = (next: ItemPanelProps) =>
          render(
            <PanelApiContext.Provider value={contentPanelApi}>
              <ItemPanel {...next} />
            </PanelApiContext.Provider>,
            container,
          );
        draw(props);
        return {
          update: draw,
          unmount: () => {
            render(null, container);
            style.remove();
          },
        };
      },
    };
    (globalThis as Record<string, unknown>)[PANEL_MODULE_GLOBAL] = module;
  },
});
