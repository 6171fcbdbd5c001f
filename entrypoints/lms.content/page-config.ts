import { browser } from 'wxt/browser';
import { PAGE_CONFIG_KEY, type PageConfig } from '../background/protocol';

export async function readPageConfig(): Promise<PageConfig> {
  try {
    const stored = await browser.storage.local.get(PAGE_CONFIG_KEY);
    return (stored[PAGE_CONFIG_KEY] as PageConfig | undefined) ?? { adapters: [], disabledFeatures: [] };
  } catch {
    return { adapters: [], disabledFeatures: [] };
  }
}
