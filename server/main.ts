import { buildServer } from './app';
import { readServerConfig } from './config';

// Entry point: `npx tsx server/main.ts`. All environment reading happens in readServerConfig.
const config = readServerConfig(process.env);
const server = await buildServer({ ...config.options, logger: { level: config.logLevel } });
const address = await server.app.listen({ port: config.port, host: config.host });
console.log(`Ripple server listening on ${address} (storage: ${server.engine}, ${server.location})`);
if (config.options.devSignIn) console.log('Dev sign-in is ON (set RIPPLE_DEV_SIGN_IN=0 to turn it off)');

let closing = false;
async function shutdown(signal: NodeJS.Signals) {
  if (closing) return;
  closing = true;
  console.log(`${signal} received, closing`);
  try {
    await server.close();
    process.exit(0);
  } catch (error) {
    console.error('Error while closing', error);
    process.exit(1);
  }
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
