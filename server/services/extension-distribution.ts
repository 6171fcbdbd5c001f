import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';

/**
 * Self-hosted distribution of the extension, for admins who force-install it by policy from
 * their own Ripple server instead of the stores (ExtensionInstallForcelist:
 * `<id>;https://ripple.example.com/extension/updates.xml`):
 *  - GET /extension/updates.xml: the gupdate manifest Chrome and Edge poll, naming the
 *    extension id, the version and where to download it;
 *  - GET /extension/ripple.crx: the CRX3 package, read from `crxPath` (RIPPLE_CRX_PATH) at each
 *    request, so dropping in a new build needs no restart.
 * The browser checks the CRX signature against the id's key, so a package not signed with
 * Ripple's key is refused whatever this server serves.
 */
export interface ExtensionDistributionOptions {
  extensionId: string;
  version: string;
  /** Path of the CRX file; absent: the package route answers 404 saying how to set it. */
  crxPath?: string;
  /** Public base URL of this server (RIPPLE_PUBLIC_URL); default: from the request (Host, protocol). */
  publicUrl?: string;
}

export const CRX_CONTENT_TYPE = 'application/x-chrome-extension';

export function updateManifestXml(options: { extensionId: string; version: string; codebase: string }): string {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${xmlEscape(options.extensionId)}'>`,
    `    <updatecheck codebase='${xmlEscape(options.codebase)}' version='${xmlEscape(options.version)}' />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}

export function registerExtensionDistribution(app: FastifyInstance, options: ExtensionDistributionOptions): void {
  app.get('/extension/updates.xml', async (request, reply) => {
    const base = (options.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    const xml = updateManifestXml({ extensionId: options.extensionId, version: options.version, codebase: `${base}/extension/ripple.crx` });
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);
  });

  app.get('/extension/ripple.crx', async (request, reply) => {
    if (!options.crxPath) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('No extension package on this server: set RIPPLE_CRX_PATH to the path of the packed ripple.crx.\n');
    }
    const info = await stat(options.crxPath).catch(() => null);
    if (!info?.isFile()) {
      request.log.warn({ crxPath: options.crxPath }, 'RIPPLE_CRX_PATH does not name a file');
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('The extension package configured on this server (RIPPLE_CRX_PATH) is missing; ask the administrator.\n');
    }
    return reply
      .type(CRX_CONTENT_TYPE)
      .header('content-length', info.size)
      .header('cache-control', 'no-cache')
      .header('content-disposition', 'attachment; filename="ripple.crx"')
      .send(createReadStream(options.crxPath));
  });
}

function xmlEscape(value: string): string {
  return value.replace(/[&<>'"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' })[char]!);
}
