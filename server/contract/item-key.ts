/**
 * ItemKey: the identity of a learning item, the same for every learner of a tenant whatever URL
 * they came by: `<lms>:<site>:<kind>:<id>`, e.g. `moodle:lms.acme.com:course:2` or
 * `moodle:127.0.0.1:8080/moodle:activity:7`. `site` is host[:port] plus any sub-path install, so it
 * may itself contain `:` and `/`; `kind` and `id` never contain `:`, which makes parsing unambiguous.
 *
 * This file is deliberately free of zod: the content script formats keys and must stay small.
 */
export type ItemKey = string;

export const ITEM_KEY_MAX_LENGTH = 512;

export const ITEM_KEY_PATTERN =
  /^(?<lms>[a-z][a-z0-9-]{0,31}):(?<site>[A-Za-z0-9][A-Za-z0-9.\-:/_~%[\]]*):(?<kind>[a-z][a-z0-9-]{0,31}):(?<id>[A-Za-z0-9._~+@%-]{1,200})$/;

export interface ItemKeyParts {
  lms: string;
  site: string;
  kind: string;
  id: string;
}

export function parseItemKey(key: string): ItemKeyParts | null {
  if (key.length > ITEM_KEY_MAX_LENGTH) return null;
  const groups = ITEM_KEY_PATTERN.exec(key)?.groups;
  if (!groups) return null;
  return { lms: groups.lms!, site: groups.site!, kind: groups.kind!, id: groups.id! };
}

/** Formats a key, or returns null when the parts would not make a valid one. */
export function formatItemKey(parts: ItemKeyParts): ItemKey | null {
  const key = `${parts.lms}:${parts.site}:${parts.kind}:${parts.id}`;
  return parseItemKey(key) ? key : null;
}
