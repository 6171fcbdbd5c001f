import { readFileSync } from 'node:fs';

/** The server's version is the package's, so `meta.info` and releases cannot disagree. */
export const SERVER_VERSION: string = readPackageVersion();

function readPackageVersion(): string {
  try {
    const json: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    if (json && typeof json === 'object' && 'version' in json && typeof json.version === 'string') return json.version;
  } catch {
    // Running from a bundle without package.json next to it: fall through.
  }
  return '0.0.0';
}
