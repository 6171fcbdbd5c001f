import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared-fixtures';
import { AdapterConfigError, loadAdapterConfigFile } from './adapter-config-file';
import { inspectHtml } from './inspect-page';
import type { InspectResult } from './inspect-page';

/**
 * Reconstructed vendor pages (test/fixtures/vendors, each marked as a reconstruction citing its
 * lms-adapters.md section) through `inspect`, against the output their manifest expects; then
 * admin adapter configs: overriding a built-in field, adding an LMS, Moodle selectors, bad files.
 */
const FIXTURES_DIR = path.join(REPO_ROOT, 'test/fixtures/vendors');
const manifest = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'manifest.json'), 'utf8')) as {
  files: { html: string; url: string; expected: InspectResult }[];
};
const html = (name: string): string => readFileSync(path.join(FIXTURES_DIR, name), 'utf8');

describe('inspect: reconstructed vendor pages', () => {
  it.each(manifest.files.map((file) => [file.html, file] as const))('%s', async (name, file) => {
    const source = html(name);
    expect(source.split('\n', 1)[0]).toMatch(/^<!-- RECONSTRUCTION, not a saved vendor page: .*lms-adapters\.md/);
    expect(await inspectHtml(new URL(file.url), source)).toEqual(file.expected);
  });

  it('covers every built-in adapter but Moodle (real pages) with a page', () => {
    const covered = new Set(manifest.files.map((file) => file.expected.lms));
    for (const id of ['canvas', 'openedx', 'cornerstone', 'successfactors', 'docebo', 'workday', 'talentlms', 'absorb', 'brightspace', 'blackboard', 'linkedin-learning', 'sakai', 'chamilo', 'totara', 'generic']) {
      expect(covered.has(id), id).toBe(true);
    }
  });
});

describe('inspect: hostile pages', () => {
  it('a huge Canvas modules page with script-like titles and junk ids: titles as text, capped, no throw', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) =>
      `<li id="context_module_item_${i % 7 === 0 ? 'x' + i : i + 1}" class="context_module_item"><a class="title">&lt;img src=x onerror=alert(${i})&gt;</a></li>`,
    ).join('');
    const result = await inspectHtml(new URL('https://acme.instructure.com/courses/1/modules'), `<title>M</title><ul>${rows}</ul>`);
    expect(result.lms).toBe('canvas');
    expect(result.tiles.length).toBe(5000);
    // Row 0 has a junk id (`x0`) and is skipped; row 1 (id 2) is the first tile, its title as text.
    expect(result.tiles[0]).toMatchObject({ id: '2', title: '<img src=x onerror=alert(1)>' });
  });

  it('garbage markup and a non-LMS page give lms null', async () => {
    expect(await inspectHtml(new URL('https://example.com/'), '<<<>>><div <p>></')).toEqual({ lms: null, page: 'other', item: null, tiles: [] });
  });
});

function writeConfig(config: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ripple-adapters-')), 'adapters.json');
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
  return file;
}

describe('admin adapter configs (--adapters)', () => {
  it('overrides one field of a built-in adapter: Cornerstone’s title selector, a custom Canvas host', async () => {
    const adapters = loadAdapterConfigFile(
      writeConfig({
        adapters: [
          { id: 'cornerstone', pages: [{ name: 'details', item: { title: ['span[data-tag="lo_type"]'] } }] },
          { id: 'canvas', hosts: ['lms.uni.edu'] },
        ],
      }),
    );
    const file = manifest.files.find((f) => f.html === 'cornerstone-details.html')!;
    const result = await inspectHtml(new URL(file.url), html(file.html), adapters);
    expect(result.item?.title).toBe('Online Course');
    expect(result.item?.key).toBe(file.expected.item?.key);
    const canvas = await inspectHtml(new URL('https://lms.uni.edu/courses/5'), '<title>Biology</title>', adapters);
    expect(canvas).toMatchObject({ lms: 'canvas', item: { key: 'canvas:lms.uni.edu:course:5', title: 'Biology' } });
  });

  it('adds an LMS of its own, asked before the built-in ones', async () => {
    const adapters = loadAdapterConfigFile(
      writeConfig({
        adapters: [
          {
            id: 'acme-lms',
            hosts: ['learn.acme.com'],
            pages: [
              {
                name: 'course',
                url: '^/c/(?<id>\\d+)',
                kind: 'course',
                item: { kind: 'course', id: '{id}', title: ['h1', '$title'], completed: { done: '.done', todo: '.todo' } },
              },
            ],
          },
        ],
      }),
    );
    const result = await inspectHtml(new URL('https://learn.acme.com/c/77?x=1'), '<h1>Welcome</h1><span class="todo"></span>', adapters);
    expect(result).toEqual({
      lms: 'acme-lms',
      page: 'course',
      item: { key: 'acme-lms:learn.acme.com:course:77', kind: 'course', id: '77', title: 'Welcome', parentKey: null, completed: false },
      tiles: [],
    });
  });

  it('replaces a Moodle selector for a customised theme, and puts the built-in one back after', async () => {
    const page =
      '<body id="page-my-index" class="pagelayout-mycourses path-my"><div class="acme-card" data-course-id="4"><a class="coursename">Safety</a></div></body>';
    const url = new URL('https://learn.acme.com/my/courses.php');
    const adapters = loadAdapterConfigFile(
      writeConfig({ adapters: [{ id: 'moodle', selectors: { courseCard: '.acme-card[data-course-id]' } }] }),
    );
    expect((await inspectHtml(url, page, adapters)).tiles.map((tile) => tile.key)).toEqual(['moodle:learn.acme.com:course:4']);
    expect((await inspectHtml(url, page)).tiles).toEqual([]);
  });

  it.each([
    ['not JSON', '{adapters: ['],
    ['no adapters array', { adapter: [] }],
    ['a bad regular expression', { adapters: [{ id: 'canvas', pages: [{ name: 'course', url: '(' }] }] }],
    ['an unknown field', { adapters: [{ id: 'canvas', colour: 'red' }] }],
    ['a new LMS without pages', { adapters: [{ id: 'acme-lms', hosts: ['learn.acme.com'] }] }],
    ['a new LMS without hosts or fingerprints', { adapters: [{ id: 'acme-lms', pages: [{ name: 'a', url: '^/', kind: 'course' }] }] }],
    ['a bad host', { adapters: [{ id: 'canvas', hosts: ['https://x/'] }] }],
  ])('rejects %s', (_, config) => {
    expect(() => loadAdapterConfigFile(writeConfig(config))).toThrow(AdapterConfigError);
  });

  it('the command reports an invalid config on stderr and exits non-zero, with nothing on stdout', async () => {
    const file = writeConfig({ adapters: [{ id: 'canvas', pages: [{ name: 'course', url: '(' }] }] });
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/tools/inspect.ts'), '--url', 'https://x.instructure.com/', '--html', path.join(FIXTURES_DIR, 'blog-post.html'), '--adapters', file], { cwd: REPO_ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/not a valid adapter config[\s\S]*regular expression/);
  }, 60_000);
});
