import type { Browser } from 'wxt/browser';
import { envelopeSchema, extensionPageOnly, messageSchemas } from './message-schemas';
import type { MessageType, RequestOf, ResponseOf } from './protocol';

/** Handlers get the sender too: a page's tab, for messages about "this tab". */
export type Handlers = { [T in MessageType]: (data: RequestOf<T>, sender: Browser.runtime.MessageSender) => Promise<ResponseOf<T>> };

/**
 * Validates a message from a page and dispatches it. Returns undefined for anything that is not a
 * well-formed Ripple message from this extension, so a bad message gets no answer at all rather
 * than a partial one.
 */
export async function routeMessage(
  message: unknown,
  sender: Browser.runtime.MessageSender,
  handlers: Handlers,
  extensionOrigin: string,
  extensionId: string,
): Promise<unknown> {
  if (sender.id !== extensionId) return undefined;
  const envelope = envelopeSchema.safeParse(message);
  if (!envelope.success) return undefined;
  const type = envelope.data.type;
  // A prefix test, not `new URL().origin`: that is "null" for chrome-extension: URLs outside Chrome.
  const fromExtensionPage = sender.url?.startsWith(`${extensionOrigin}/`) === true;
  if (extensionPageOnly.has(type) && !fromExtensionPage) return undefined;
  const data = messageSchemas[type].safeParse(envelope.data.data);
  if (!data.success) return { ok: false, reason: 'rejected', message: data.error.issues[0]?.message ?? 'Invalid message' };
  const handler = handlers[type] as (data: unknown, sender: Browser.runtime.MessageSender) => Promise<unknown>;
  return handler(data.data, sender);
}
