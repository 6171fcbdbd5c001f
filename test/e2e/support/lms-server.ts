import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fixturePathAndQuery, loadManifest, MOODLE_FIXTURES_DIR } from '../../support/shared-fixtures';

export interface FixtureLms {
  origin: string;
  close(): Promise<void>;
}

/** A page that no LMS adapter should recognise. */
const PLAIN_PAGE = `<!doctype html><html><head><title>Team blog</title></head>
<body><header><h1>Quarterly update</h1></header><main><p>Nothing to learn here.</p></main></body></html>`;

/** A page of an LMS no built-in adapter knows: an admin's custom adapter can teach Ripple it. */
const ACME_COURSE_PAGE = `<!doctype html><html><head><title>Negotiation basics · Acme Academy</title></head>
<body class="acme-academy"><header class="acme-header"><h1 class="acme-title">Negotiation basics</h1><div class="acme-actions"></div></header>
<main><p>A course of the company's home-grown learning portal.</p></main></body></html>`;

/**
 * Serves the real Moodle pages at the paths and queries they were captured at, on a loopback
 * origin. Pages captured for several users at one URL are served for `learner`, the default.
 */
export async function startFixtureLms(user = 'learner1'): Promise<FixtureLms> {
  const routes = new Map<string, string>();
  for (const file of loadManifest().files) {
    const key = fixturePathAndQuery(file);
    if (file.user === user || !routes.has(key)) routes.set(key, path.join(MOODLE_FIXTURES_DIR, file.html));
  }
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/plain.html') return send(response, 200, PLAIN_PAGE);
    if (url === '/academy/courses/42') return send(response, 200, ACME_COURSE_PAGE);
    const file = routes.get(url);
    if (!file) return send(response, 404, '<!doctype html><title>Not found</title><h1>Not found</h1>');
    send(response, 200, readFileSync(file, 'utf8'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function send(response: import('node:http').ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body);
}
