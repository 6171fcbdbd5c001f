import { readFileSync } from 'node:fs';
import { buildAdapters } from '../../entrypoints/lms.content/adapters';
import type { AdapterConfig } from '../../entrypoints/lms.content/adapters';
import { BUILTIN_SPECS } from '../../entrypoints/lms.content/adapters/builtins';
import type { LmsAdapter } from '../../entrypoints/lms.content/adapters/types';
import { adapterConfigFileSchema, checkNewAdapter } from '../../server/contract/adapter-config';

/** An adapter config file that cannot be used; the message says where and why. */
export class AdapterConfigError extends Error {}

const BUILT_IN_IDS = new Set([...BUILTIN_SPECS.map((spec) => spec.id), 'moodle', 'generic']);

/**
 * Reads an admin adapter config file (`{"adapters": [...]}`, format in
 * entrypoints/lms.content/adapters/README.md), checks it with the contract's schema and builds
 * the adapters: the built-in ones with the overrides applied, plus any new LMS.
 */
export function loadAdapterConfigFile(path: string): readonly LmsAdapter[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AdapterConfigError(`--adapters ${path}: ${(error as Error).message}`);
  }
  const parsed = adapterConfigFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new AdapterConfigError(`--adapters ${path} is not a valid adapter config:\n${issues.join('\n')}`);
  }
  for (const config of parsed.data.adapters) {
    const problem = checkNewAdapter(config, BUILT_IN_IDS);
    if (problem) throw new AdapterConfigError(`--adapters ${path}: ${problem}`);
  }
  return buildAdapters(parsed.data.adapters as AdapterConfig[]);
}
