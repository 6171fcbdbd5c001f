import { browser } from 'wxt/browser';

export interface TabItem {
  item: { key: string; title: string };
  completed: boolean;
}

/**
 * Which item each tab shows, as its content script read it, so the side panel can follow the
 * learner. Kept in `storage.session` (memory only, extension pages only) because the service
 * worker may stop between a page load and the panel opening.
 */
const key = (tabId: number) => `tab-item:${tabId}`;

export async function rememberTabItem(tabId: number, value: TabItem): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: value });
}

export async function tabItem(tabId: number): Promise<TabItem | null> {
  const stored = await browser.storage.session.get(key(tabId));
  return (stored[key(tabId)] as TabItem | undefined) ?? null;
}

export async function forgetTabItem(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}
