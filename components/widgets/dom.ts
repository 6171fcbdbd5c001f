/**
 * Elements from a tag, attributes and children: what the widgets every LMS page carries need,
 * instead of a UI library (the content script's size is paid on every page view; Preact was a
 * quarter of it). Text only ever becomes Text nodes, never markup. The on-demand panels, the side
 * panel and the options page, which are larger and load only when opened, keep Preact.
 */
export type Child = Node | string | null | undefined | false;
export type Attributes = Record<string, string | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  element.append(...nodes(children));
  return element;
}

/** Sets (string), flags (true: present) or removes (false, null, undefined) attributes; `on<event>` listens. */
export function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === null || value === undefined || value === false) element.removeAttribute(name);
    else element.setAttribute(name, value === true ? '' : value);
  }
}

/** Replaces an element's children, text as text. */
export function setChildren(element: Element, ...children: Child[]): void {
  element.replaceChildren(...nodes(children));
}

function nodes(children: Child[]): (Node | string)[] {
  return children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false);
}
