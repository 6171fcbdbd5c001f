import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { findActivity, findCourse } from './catalog';
import { activityPage, categoryPage, coursePage, frontPage, myCoursesPage } from './pages';

/** A small LMS of Ripple's own, in Moodle's markup, so a newcomer sees widgets without a Moodle. */
export function createDemoLms(): Server {
  return createServer((request, response) => {
    try {
      route(request, response);
    } catch (error) {
      console.error('[demo-lms]', error);
      send(response, 500, '<!doctype html><title>Error</title><h1>Something went wrong</h1>');
    }
  });
}

function route(request: IncomingMessage, response: ServerResponse): void {
  const origin = `http://${request.headers.host ?? '127.0.0.1'}`;
  const url = new URL(request.url ?? '/', origin);
  const id = Number(url.searchParams.get('id'));
  const path = url.pathname;

  if (path === '/' || path === '/index.php') return send(response, 200, frontPage(origin));
  if (path === '/course/index.php') return send(response, 200, categoryPage(origin));
  if (path === '/my/courses.php' || path === '/my/') return send(response, 200, myCoursesPage(origin));
  if (path === '/course/view.php') {
    const course = findCourse(id);
    if (course) return send(response, 200, coursePage(origin, course));
  }
  const activityPath = /^\/mod\/([a-z]+)\/view\.php$/.exec(path);
  if (activityPath) {
    const found = findActivity(id);
    if (found && found.activity.type === activityPath[1]) return send(response, 200, activityPage(origin, found.course, found.activity));
  }
  send(response, 404, '<!doctype html><title>Not found</title><h1>Not found</h1>');
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    // The demo's pages run no script of their own but Moodle's stub of M.cfg.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:",
  });
  response.end(body);
}
