import type { Translate } from './i18n';

export interface ShelfProps {
  entries: { key: string; title: string; url?: string; colleagues: number | null }[];
  t: Translate;
}

/** "Popular with colleagues in your team": what the learner's team takes most, linking into the LMS. */
export function Shelf({ entries, t }: ShelfProps) {
  if (entries.length === 0) return null;
  return (
    <section class="shelf" aria-labelledby="ripple-shelf-title">
      <h2 id="ripple-shelf-title">{t('shelfTitle')}</h2>
      <ol>
        {entries.map((entry) => (
          <li key={entry.key}>
            {entry.url ? <a href={entry.url}>{entry.title}</a> : entry.title}
            {entry.colleagues !== null && <span class="muted"> {t('alsoTookCount', String(entry.colleagues))}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
