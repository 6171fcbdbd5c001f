import type { Ask, PanelApi } from '../../components/panel/panel-api';
import { sendToBackground } from '../background/protocol';
import { t } from './i18n';

/** The panel's link to the background from a content script; a reloaded extension reads as offline. */
const ask: Ask = async (type, data) => {
  try {
    return await sendToBackground(type, data);
  } catch {
    return { ok: false, reason: 'offline' };
  }
};

export const contentPanelApi: PanelApi = { ask, t };
