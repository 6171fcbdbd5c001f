/**
 * `npm run --silent inspect -- --url <page URL> --html <saved page> [--adapters <config.json>]`:
 * prints ONE JSON object to stdout and nothing else (inspect-cli.ts does the work).
 */
// Anything that would log to stdout (a library's console.log) is sent to stderr instead; set
// before the CLI module (and happy-dom with it) is loaded.
for (const method of ['log', 'info', 'debug', 'warn', 'trace'] as const) {
  console[method] = (...args: unknown[]) => console.error(...args);
}

export {};

const { main } = await import('./inspect-cli');
process.exitCode = await main(process.argv.slice(2));
