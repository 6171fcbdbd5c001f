import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/shared-fixtures';

/** Every string a learner reads goes through the extension's i18n, in every shipped language. */
const LOCALES_DIR = path.join(REPO_ROOT, 'public/_locales');
const locales = readdirSync(LOCALES_DIR);
const messages = Object.fromEntries(
  locales.map((locale) => [locale, JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>]),
);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const used = new Set<string>();
/** Every quoted word in the code: keys picked by a ternary or a table still count as used. */
const mentioned = new Set<string>();
for (const file of [...files(path.join(REPO_ROOT, 'components')), ...files(path.join(REPO_ROOT, 'entrypoints'))]) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(match[1]!);
  for (const match of text.matchAll(/'([A-Za-z0-9_]+)'/g)) mentioned.add(match[1]!);
  // Keys chosen at run time from a table: `{ offline: 'reasonOffline', ... }[reason]` and `reason_${...}`.
  for (const match of text.matchAll(/'(reason[A-Z][A-Za-z]+)'/g)) used.add(match[1]!);
}
for (const reason of ['spam', 'abuse', 'offtopic', 'other']) used.add(`reason_${reason}`);
for (const group of ['team', 'unit', 'company']) for (const what of ['Completed', 'Viewed']) used.add(`colleagues${what}_${group}`);
used.add('extName');
used.add('extDescription');

describe('i18n', () => {
  it('ships English and at least one other language', () => {
    expect(locales).toContain('en');
    expect(locales.length).toBeGreaterThan(1);
  });

  it.each(locales)('%s has every key the code uses', (locale) => {
    const missing = [...used].filter((key) => !messages[locale]![key]?.message);
    expect(missing).toEqual([]);
  });

  it.each(locales)('%s has no key the code does not use', (locale) => {
    const unused = Object.keys(messages[locale]!).filter((key) => !used.has(key) && !mentioned.has(key));
    expect(unused).toEqual([]);
  });
});
