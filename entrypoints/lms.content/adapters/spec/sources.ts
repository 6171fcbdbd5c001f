import { matchesWithin, queryFirst } from './query';
import type { CompletionSpec, Source } from './types';
import { cleanText, compilePattern, readableText } from './text';

/** What a source is read against: the document, the page URL and, for tiles, the tile. */
export interface SourceContext {
  doc: Document;
  url: URL;
  element?: Element;
}

/** Longest text a source yields: titles past this are cut (a hostile page can put megabytes). */
const MAX_VALUE_LENGTH = 2000;

/** The first source that reads a non-empty value, with its pattern's named groups. */
export function readFirst(sources: readonly Source[] | undefined, context: SourceContext): { value: string; groups: Record<string, string> } | null {
  for (const source of sources ?? []) {
    const read = readSource(source, context);
    if (read) return read;
  }
  return null;
}

export function readSource(source: Source, context: SourceContext): { value: string; groups: Record<string, string> } | null {
  const from = typeof source === 'string' ? source : source.from;
  const raw = readRaw(from, context);
  if (!raw) return null;
  if (typeof source === 'string') return { value: raw.slice(0, MAX_VALUE_LENGTH), groups: {} };
  const match = compilePattern(source.pattern)?.exec(raw);
  if (!match) return null;
  const value = match.groups?.id ?? match[1] ?? match[0];
  return value ? { value, groups: { ...match.groups } } : null;
}

function readRaw(from: string, { doc, url, element }: SourceContext): string {
  if (from === '$title') return cleanText(doc.title);
  if (from === '$url') return url.href;
  if (from.startsWith('$meta:')) return readMeta(doc, from.slice(6));
  if (from.startsWith('$global:')) return readGlobal(doc, from.slice(8));
  if (from.startsWith('$jsonld:')) return readJsonLd(doc, from.slice(8));
  // `sel@attr`: only a trailing `@name` is an attribute read (an `@` inside `[href*="@"]` is not).
  const attributeRead = /@([A-Za-z_][\w:.-]*)$/.exec(from);
  const selector = attributeRead ? from.slice(0, attributeRead.index).trim() : from;
  const attribute = attributeRead?.[1] ?? null;
  const scope: ParentNode = element ?? doc;
  // An empty selector or `:scope` is the tile itself.
  const target = selector && selector !== ':scope' ? queryFirst(scope, selector) : (element ?? null);
  if (!target) return '';
  return attribute ? cleanText(target.getAttribute(attribute)) : readableText(target);
}

function readMeta(doc: Document, name: string): string {
  for (const meta of Array.from(doc.querySelectorAll('meta[content]'))) {
    if (meta.getAttribute('property') === name || meta.getAttribute('name') === name) return cleanText(meta.getAttribute('content'));
  }
  return '';
}

/**
 * A value of a page global such as `ENV = {...}` or `var portal = {...}`, read from the inline
 * script text (a content script's isolated world cannot see the page's globals): the first
 * `key: value` after `<Object> = {`. Only strings, numbers and booleans are read.
 */
function readGlobal(doc: Document, path: string): string {
  const dot = path.indexOf('.');
  if (dot <= 0) return '';
  const object = escapeRegExp(path.slice(0, dot));
  const key = escapeRegExp(path.slice(path.lastIndexOf('.') + 1));
  const assignment = new RegExp(`\\b${object}\\s*=\\s*\\{`);
  const pair = new RegExp(`["']?\\b${key}["']?\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*'|-?\\d+(?:\\.\\d+)?|true|false)`);
  for (const script of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const text = script.textContent ?? '';
    const start = assignment.exec(text);
    if (!start) continue;
    const value = pair.exec(text.slice(start.index, start.index + 200_000))?.[1];
    if (value === undefined) continue;
    if (value.startsWith("'")) return value.slice(1, -1);
    try {
      return String(JSON.parse(value) as unknown);
    } catch {
      return '';
    }
  }
  return '';
}

/** A key of the first JSON-LD object (or `@graph` entry) that has it: `name`, `@type`, `url` ... */
function readJsonLd(doc: Document, key: string): string {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const graph = (data as { '@graph'?: unknown })?.['@graph'];
    for (const node of [data, ...(Array.isArray(data) ? data : []), ...(Array.isArray(graph) ? graph : [])]) {
      const value = (node as Record<string, unknown> | null)?.[key];
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string' || typeof first === 'number') return cleanText(String(first));
    }
  }
  return '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** true / false / undefined (the page does not say), from a completion spec on an element. */
export function readCompletionSpec(spec: CompletionSpec | undefined, element: Element | null): boolean | undefined {
  if (!spec || !element) return undefined;
  try {
    if (spec.done && matchesWithin(element, spec.done)) return true;
    if (spec.todo && matchesWithin(element, spec.todo)) return false;
  } catch {
    // An invalid selector in a config says nothing about completion.
  }
  return undefined;
}
