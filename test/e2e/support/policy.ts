import { existsSync, mkdirSync, rmSync, writeFileSync, accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Where Chromium on Linux reads mandatory policy: the same files an IT admin deploys. */
export const POLICY_DIR = '/etc/chromium/policies/managed';
export const EXTENSION_ID = 'bgnjicjffkcfkndjddomcliapknpkgkm';

/** Whether this machine lets the test write real Chromium policy (root on Linux, as in CI). */
export function canWritePolicy(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes the extension's managed configuration as a policy file; returns its remover. */
export function writeExtensionPolicy(settings: Record<string, unknown>): () => void {
  const file = path.join(POLICY_DIR, `ripple-e2e-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: settings } } }, null, 2));
  return () => {
    if (existsSync(file)) rmSync(file);
  };
}
