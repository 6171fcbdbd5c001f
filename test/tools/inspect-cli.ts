/**
 * The `inspect` command's work (the entry script is inspect.ts, so tests can call `main`):
 * `npm run --silent inspect -- --url <page URL> --html <saved page> [--adapters <config.json>]`
 *
 * Prints ONE JSON object to stdout (see inspect-page.ts) and nothing else; every message, warning
 * or error goes to stderr. Exits 2 with a message on stderr for unusable input (missing or
 * unreadable file, binary or oversized page, bad URL, invalid adapter config).
 */
import { readFileSync, statSync } from 'node:fs';
import { inspectHtml } from './inspect-page';
import { AdapterConfigError, loadAdapterConfigFile } from './adapter-config-file';

/** Larger saved pages are refused rather than parsed: 64 MB is far beyond any real LMS page. */
const MAX_HTML_BYTES = 64 * 1024 * 1024;

class UsageError extends Error {}

interface Options {
  url: URL;
  htmlPath: string;
  adaptersPath: string | null;
}

function parseArgs(argv: string[]): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    if (!['--url', '--html', '--adapters'].includes(name)) throw new UsageError(`unknown argument: ${name}`);
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    values.set(name, value);
  }
  const urlText = values.get('--url');
  const htmlPath = values.get('--html');
  if (!urlText || !htmlPath) throw new UsageError('usage: inspect --url <page URL> --html <saved page> [--adapters <config.json>]');
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new UsageError(`--url is not a URL: ${urlText}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be http(s): ${urlText}`);
  return { url, htmlPath, adaptersPath: values.get('--adapters') ?? null };
}

function readHtml(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`--html is not a file: ${path}`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read --html ${path}: ${(error as Error).message}`);
  }
  if (size > MAX_HTML_BYTES) throw new UsageError(`--html is too large (${size} bytes, limit ${MAX_HTML_BYTES})`);
  const bytes = readFileSync(path);
  // A NUL byte in the first 8 KB: an image, an archive, not a saved page.
  if (bytes.subarray(0, 8192).includes(0)) throw new UsageError(`--html is not a text file: ${path}`);
  return bytes.toString('utf8');
}

export async function main(argv: string[]): Promise<number> {
  try {
    const options = parseArgs(argv);
    const html = readHtml(options.htmlPath);
    const adapters = options.adaptersPath ? loadAdapterConfigFile(options.adaptersPath) : undefined;
    const result = await inspectHtml(options.url, html, adapters);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof UsageError || error instanceof AdapterConfigError ? error.message : `inspect failed: ${(error as Error)?.stack ?? String(error)}`;
    process.stderr.write(`${message}\n`);
    return 2;
  }
}
