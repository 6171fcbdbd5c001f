/**
 * Reads Moodle's page config `M.cfg = {...}` from the inline script text. The content script runs
 * in an isolated world and cannot see the page's `M` global, but it can read the `<script>` text:
 * `lib/outputrequirementslib.php` (`get_config_for_javascript()`) writes it as a JSON object literal,
 * e.g. `M.cfg = {"wwwroot":"https:\/\/lms.acme.com\/moodle",...,"courseId":2,"siteId":1,...};`.
 */

export interface MoodleConfig {
  /** The install's root URL, sub-path included. */
  wwwroot?: string;
  /** The site course id (the front page's course), normally 1. */
  siteId?: string;
  /** The page's course id (newer Moodle versions). */
  courseId?: string;
}

const CONFIG_ASSIGNMENT = /\bM\.cfg\s*=\s*\{/;

/** The first `M.cfg = {...}` of the page, or null when there is none or it is not valid JSON. */
export function readMoodleConfig(doc: Document): MoodleConfig | null {
  for (const script of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const text = script.textContent ?? '';
    const assignment = CONFIG_ASSIGNMENT.exec(text);
    if (!assignment) continue;
    const literal = balancedObjectAt(text, assignment.index + assignment[0].length - 1);
    if (!literal) continue;
    try {
      return pickConfig(JSON.parse(literal) as unknown);
    } catch {
      continue;
    }
  }
  return null;
}

/** The `{...}` starting at `start`, braces inside JSON strings ignored; null when unbalanced. */
function balancedObjectAt(text: string, start: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

function pickConfig(value: unknown): MoodleConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const config: MoodleConfig = {};
  if (typeof record.wwwroot === 'string') config.wwwroot = record.wwwroot;
  const siteId = positiveIdText(record.siteId);
  if (siteId) config.siteId = siteId;
  const courseId = positiveIdText(record.courseId);
  if (courseId) config.courseId = courseId;
  return config;
}

function positiveIdText(value: unknown): string | undefined {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  return /^[1-9]\d{0,17}$/.test(text) ? text : undefined;
}
