import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ScriptSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

/** What every LMS page pays before any widget shows: the injected script(s), raw and gzipped. */
export function contentScriptSizes(buildDir: string): ScriptSize[] {
  const dir = path.join(buildDir, 'content-scripts');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name));
      return { file: name, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    });
}
