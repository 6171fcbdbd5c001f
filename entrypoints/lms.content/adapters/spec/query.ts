/**
 * `querySelectorAll` that pierces shadow roots where the selector says `>>>`
 * (`d2l-my-courses >>> d2l-enrollment-card`), as the adapter format's mini-language defines.
 * A saved page has no live shadow roots; a declarative `<template shadowrootmode>` child stands for
 * one, so saved Brightspace pages read like live ones.
 */
export function queryAll(root: ParentNode, selector: string): Element[] {
  const parts = selector.split('>>>').map((part) => part.trim());
  let scopes: ParentNode[] = [root];
  if (parts[0] === '') {
    // A leading `>>>` starts in the context element's own shadow root (`>>> d2l-card@href`).
    parts.shift();
    const own = 'tagName' in root ? shadowOf(root as Element) : null;
    scopes = own ? [own] : [];
  }
  for (let i = 0; i < parts.length; i++) {
    const found: Element[] = [];
    for (const scope of scopes) found.push(...Array.from(scope.querySelectorAll(parts[i]!)));
    if (i === parts.length - 1) return found;
    scopes = found.map(shadowOf).filter((shadow): shadow is ParentNode => shadow !== null);
  }
  return [];
}

export function queryFirst(root: ParentNode, selector: string): Element | null {
  return selector.includes('>>>') ? (queryAll(root, selector)[0] ?? null) : root.querySelector(selector);
}

function shadowOf(element: Element): ParentNode | null {
  if (element.shadowRoot) return element.shadowRoot;
  const declarative = Array.from(element.children).find(
    (child) => child.tagName === 'TEMPLATE' && child.hasAttribute('shadowrootmode'),
  ) as HTMLTemplateElement | undefined;
  return declarative?.content ?? null;
}

/** The element itself or something inside it matches. */
export function matchesWithin(element: Element, selector: string): boolean {
  return element.matches(selector) || element.querySelector(selector) !== null;
}
