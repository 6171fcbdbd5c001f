import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';

/** Fault tests' helpers: a failure-injecting HTTP proxy and the real server as a child process. */

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Fault = 'pass' | 'drop-request' | 'error-500' | 'drop-response' | 'delay';

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of `target` that, per request, passes it on or injects a failure:
 * drops the connection before forwarding, answers 500 itself, forwards but drops the answer (the
 * write is applied, the client never learns it), or forwards after `delayMs` (beyond the client's
 * timeout, so the client gives up while the server may still apply it).
 */
export async function startFaultProxy(target: string, choose: () => Fault, delayMs: number): Promise<FaultProxy> {
  const upstream = new URL(target);
  const counts: Record<Fault, number> = { pass: 0, 'drop-request': 0, 'error-500': 0, 'drop-response': 0, delay: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const fault = choose();
      counts[fault] += 1;
      if (fault === 'drop-request') return req.socket.destroy();
      if (fault === 'error-500') return res.writeHead(500, { 'content-type': 'text/plain' }).end('injected failure');
      const forward = () => {
        const out = request(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
          (answer) => {
            const body: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => body.push(chunk));
            answer.on('end', () => {
              if (fault === 'drop-response') return req.socket.destroy();
              if (res.destroyed) return;
              res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
            });
          },
        );
        out.on('error', () => req.socket.destroy());
        out.end(Buffer.concat(chunks));
      };
      if (fault === 'delay') setTimeout(forward, delayMs);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
}

/** Starts the real server (`server/main.ts` under tsx) with `env`, and waits until it listens. */
export async function spawnServer(env: Record<string, string>, port: number): Promise<ServerProcess> {
  // `npx tsx` would run the server in a grandchild that a SIGKILL of the child leaves running:
  // load tsx into this one process instead (same as `npx tsx server/main.ts`, one pid).
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 20 s:\n${output}`)), 20_000);
    const check = () => {
      if (/listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
