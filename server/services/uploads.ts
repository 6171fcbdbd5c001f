import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { UploadType } from '../contract/contributions';

/** The content-type each allowed type is served with. */
export const UPLOAD_MIME: Record<UploadType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** File-name extensions that name each type. */
const EXTENSIONS: Record<UploadType, string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  txt: ['txt', 'text', 'md', 'log'],
  csv: ['csv'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
};

const startsWith = (bytes: Buffer, prefix: number[] | string, at = 0) => {
  const expected = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : Buffer.from(prefix);
  return bytes.length >= at + expected.length && bytes.subarray(at, at + expected.length).equals(expected);
};

/** Markup a browser would render (HTML, SVG, XML): never accepted, whatever the name says. */
const MARKUP = /^\s*<|<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)\b/i;

/**
 * What the bytes are, from their magic numbers only; null when not an allowed type. Text (txt or
 * csv, told apart by the name's extension) must be valid UTF-8 without control characters and must
 * not look like markup. Office files are zip archives holding `word/`, `xl/` or `ppt/` parts.
 */
export function sniffUpload(bytes: Buffer, name: string): UploadType | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return 'gif';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return 'webp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const text = bytes.toString('latin1');
    if (!text.includes('[Content_Types].xml')) return null;
    if (text.includes('word/')) return 'docx';
    if (text.includes('xl/')) return 'xlsx';
    if (text.includes('ppt/')) return 'pptx';
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return null;
  if (MARKUP.test(text.replace(/^\uFEFF/, ''))) return null;
  return extensionOf(name) === 'csv' ? 'csv' : 'txt';
}

export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match ? match[1]!.toLowerCase() : '';
}

/** The name's extension contradicts the content (a `.pdf` that is a PNG): refused. Unknown extensions are not. */
export function nameContradicts(name: string, type: UploadType): boolean {
  const ext = extensionOf(name);
  if (!ext) return false;
  const claimed = (Object.keys(EXTENSIONS) as UploadType[]).find((t) => EXTENSIONS[t].includes(ext));
  if (!claimed) return ['html', 'htm', 'svg', 'xml', 'xhtml', 'js', 'exe'].includes(ext);
  if (claimed === type) return false;
  // Text is text: a .csv sniffed as txt and the reverse are the same thing.
  return !((claimed === 'txt' || claimed === 'csv') && (type === 'txt' || type === 'csv'));
}

/**
 * A file name safe to show and to put in content-disposition: no path, no control characters,
 * at most 120 characters, ending in the sniffed type's extension.
 */
export function sanitizeFileName(name: string, type: UploadType): string {
  let base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F-\u009F"*:<>?|]/g, '')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!EXTENSIONS[type].includes(extensionOf(base))) base = `${base || 'file'}.${EXTENSIONS[type][0]}`;
  if (base.length > 120) {
    const ext = `.${extensionOf(base)}`;
    base = base.slice(0, 120 - ext.length) + ext;
  }
  return base;
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function blobPath(uploadsDir: string, hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a sha-256');
  return path.join(uploadsDir, hash.slice(0, 2), hash);
}

/**
 * Stores the bytes under their hash: written to a temp file in the same folder, then renamed, so
 * a reader never sees a partial file and a crash leaves at most a `.tmp-` file. Already stored
 * content is not written again. Returns whether this call created the blob.
 */
export async function storeBlob(uploadsDir: string, bytes: Buffer): Promise<{ hash: string; created: boolean }> {
  const hash = sha256(bytes);
  const target = blobPath(uploadsDir, hash);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists) return { hash, created: false };
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.tmp-${randomBytes(8).toString('hex')}`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { hash, created: true };
}

export async function removeBlob(uploadsDir: string, hash: string): Promise<void> {
  await rm(blobPath(uploadsDir, hash), { force: true });
}

export interface UploadConfig {
  /** Where blobs live: `<dataDir>/uploads` or RIPPLE_UPLOADS_DIR. */
  dir: string;
  /** Largest upload accepted, in bytes. */
  limitBytes: number;
}

/**
 * The upload settings of the server using a database handle, so procedures (which see only the
 * context's `db`) can reach the blob folder, e.g. to remove a file no contribution uses any more.
 */
const configs = new WeakMap<object, UploadConfig>();
export function setUploadConfig(db: object, config: UploadConfig): void {
  configs.set(db, config);
}
export function uploadConfigOf(db: object): UploadConfig | undefined {
  return configs.get(db);
}
