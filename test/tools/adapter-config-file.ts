import type { LmsAdapter } from '../../entrypoints/lms.content/adapters/types';

/** Reads an admin adapter config file (format: entrypoints/lms.content/adapters/README.md). */
export function loadAdapterConfigFile(path: string): readonly LmsAdapter[] {
  throw new Error(`--adapters is not supported yet (${path})`);
}
