/**
 * `npm start`: the whole of Ripple on one machine, for a first look. Builds the extension, starts
 * the server on embedded SQLite with the demo company, serves the demo LMS, and says what to load.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildServer } from '../app';
import { createDemoLms } from './demo-lms';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER_PORT = Number(process.env.PORT ?? 8787);
const LMS_PORT = Number(process.env.DEMO_LMS_PORT ?? 8788);
const HOST = '127.0.0.1';

async function main(): Promise<void> {
  console.log('Building the extension (Chrome and Edge)…');
  const wxt = path.join(ROOT, 'node_modules/.bin/wxt');
  for (const browser of ['chrome', 'edge']) execFileSync(wxt, ['build', '-b', browser], { cwd: ROOT, stdio: 'inherit' });

  const server = await buildServer({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.RIPPLE_DATA_DIR, devSignIn: true });
  await server.app.listen({ port: SERVER_PORT, host: HOST });
  const lms = createDemoLms();
  await new Promise<void>((resolve, reject) => {
    lms.once('error', reject);
    lms.listen(LMS_PORT, HOST, resolve);
  });

  const lmsUrl = `http://${HOST}:${LMS_PORT}`;
  console.log(`
Ripple is running.

  Server      http://${HOST}:${SERVER_PORT}   (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded SQLite in ./data'}, demo company, demo sign-in on)
  Demo LMS    ${lmsUrl}/

Load the extension:
  1. Open chrome://extensions (or edge://extensions) and switch on Developer mode.
  2. Load unpacked → ${path.join(ROOT, '.output/chrome-mv3')}
     (Edge: ${path.join(ROOT, '.output/edge-mv3')})
  3. Open ${lmsUrl}/course/view.php?id=2 and rate the course in its header.
     A second browser profile with the extension is a second colleague.

Press Ctrl+C to stop.`);

  const stop = async () => {
    lms.close();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
