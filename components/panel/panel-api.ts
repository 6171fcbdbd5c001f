import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FailureReason, MessageType, RequestOf, ResponseOf } from '../../entrypoints/background/protocol';
import type { Translate } from '../i18n';

/**
 * What the panel needs from its host, injected so the same components serve the in-page widget
 * (content script) and the side panel (extension page): a way to ask the background, and strings.
 */
export type Failure = { ok: false; reason: FailureReason; message?: string };
export type Ask = <T extends MessageType>(type: T, data: RequestOf<T>) => Promise<ResponseOf<T> | Failure>;

export interface PanelApi {
  ask: Ask;
  t: Translate;
}

/** The item a panel is about: its key and the title the LMS gives it. */
export interface PanelItem {
  key: string;
  title: string;
}

export const PanelApiContext = createContext<PanelApi | null>(null);

export function usePanelApi(): PanelApi {
  const api = useContext(PanelApiContext);
  if (!api) throw new Error('Panel components need a PanelApiContext provider');
  return api;
}

export { failureText } from '../failure-text';
