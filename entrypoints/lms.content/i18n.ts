import { browser } from 'wxt/browser';
import type { Translate } from '../../components/i18n';

/** Messages do not change while a page lives, and every badge asks for the same few again. */
const messages = new Map<string, string>();

export const t: Translate = (key, substitutions) => {
  const cacheKey = substitutions === undefined ? key : `${key}\u0000${[substitutions].flat().join('\u0001')}`;
  let message = messages.get(cacheKey);
  if (message === undefined) {
    message = browser.i18n.getMessage(key as never, substitutions) || key;
    messages.set(cacheKey, message);
  }
  return message;
};
