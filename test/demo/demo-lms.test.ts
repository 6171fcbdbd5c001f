import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Window } from 'happy-dom';
import { createDemoLms } from '../../server/demo/demo-lms';
import { readPage } from '../../entrypoints/lms.content/adapters';

/** The demo LMS of `npm start` must be a page the real Moodle adapter reads like Moodle. */
describe('demo LMS', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createDemoLms();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function read(path: string) {
    const response = await fetch(`${origin}${path}`);
    const window = new Window({ url: `${origin}${path}` });
    try {
      window.document.write(await response.text());
      return { status: response.status, page: readPage(new URL(`${origin}${path}`), window.document as unknown as Document) };
    } finally {
      await window.happyDOM.close();
    }
  }

  it('serves course pages the adapter reads as courses, with a header anchor', async () => {
    const { status, page } = await read('/course/view.php?id=2');
    expect(status).toBe(200);
    expect(page?.kind).toBe('course');
    expect(page?.item).toMatchObject({ key: `moodle:${new URL(origin).host}:course:2`, title: 'Introduction to Data Science' });
    expect(page?.headerAnchor).not.toBeNull();
    expect(page?.tiles.map((tile) => tile.item.lmsId)).toEqual(['1', '4', '7', '5', '8']);
  });

  it('serves activity pages with their course as parent', async () => {
    const { page } = await read('/mod/quiz/view.php?id=7');
    expect(page?.kind).toBe('activity');
    expect(page?.item).toMatchObject({
      key: `moodle:${new URL(origin).host}:activity:7`,
      title: 'Foundations quiz',
      parent: `moodle:${new URL(origin).host}:course:2`,
    });
    expect(page?.headerAnchor).not.toBeNull();
  });

  it('serves listings whose tiles are the courses', async () => {
    for (const path of ['/', '/course/index.php?categoryid=2', '/my/courses.php']) {
      const { page } = await read(path);
      expect(page?.kind, path).toBe('listing');
      expect(page?.tiles.map((tile) => tile.item.lmsId), path).toEqual(['2', '3', '4']);
    }
  });

  it('answers unknown pages with 404 and nothing to read', async () => {
    expect((await read('/course/view.php?id=999')).status).toBe(404);
    expect((await read('/mod/page/view.php?id=7')).status).toBe(404);
  });
});
