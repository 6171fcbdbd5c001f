import { useEffect, useState } from 'preact/hooks';
import type { ItemSummary } from '../../server/contract/items';
import { Histogram } from '../Histogram';
import { ReviewsTab } from './ReviewsTab';
import { DiscussionTab } from './DiscussionTab';
import { usePanelApi, type PanelItem } from './panel-api';

export interface ItemPanelProps {
  item: PanelItem;
  summary: ItemSummary | null;
  /** Completion of the item as the adapter saw it on this page. */
  completed: boolean;
  onSummary: (summary: ItemSummary) => void;
  onCommentCount: (delta: number) => void;
  /** "Colleagues who took this also took" (each shown only when enough colleagues did). */
  alsoTook?: { title: string; url?: string; colleagues: number }[];
}

type Tab = 'reviews' | 'discussion';

/** Reviews and discussion of one item, with the rating distribution: what the widget opens into. */
export function ItemPanel({ item, summary, completed, onSummary, onCommentCount, alsoTook }: ItemPanelProps) {
  const { ask, t } = usePanelApi();
  const [tab, setTab] = useState<Tab>('reviews');
  const [canModerate, setCanModerate] = useState(false);
  useEffect(() => {
    void ask('session.role', {}).then((answer) => setCanModerate('role' in answer && (answer.role === 'moderator' || answer.role === 'admin')));
  }, []);
  const tabs: [Tab, string][] = [
    ['reviews', t('tabReviews', String(summary?.reviewCount ?? 0))],
    ['discussion', t('tabDiscussion', String(summary?.commentCount ?? 0))],
  ];
  return (
    <div class="panel">
      <Histogram histogram={summary?.histogram ?? [0, 0, 0, 0, 0]} count={summary?.count ?? 0} t={t} />
      {alsoTook && alsoTook.length > 0 && (
        <section class="also-took" aria-labelledby="ripple-also-took">
          <h3 id="ripple-also-took">{t('alsoTookTitle')}</h3>
          <ul>
            {alsoTook.map((entry) => (
              <li key={entry.title}>
                {entry.url ? <a href={entry.url}>{entry.title}</a> : entry.title}{' '}
                <span class="muted">{t('alsoTookCount', String(entry.colleagues))}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div role="tablist" class="tabs" aria-label={t('widgetLabel')}>
        {tabs.map(([id, label]) => (
          <button
            key={id}
            id={`ripple-tab-${id}`}
            role="tab"
            type="button"
            aria-selected={tab === id}
            aria-controls={`ripple-tabpanel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
              // Arrows move between tabs (WAI-ARIA tabs pattern), focus included.
              const other: Tab = id === 'reviews' ? 'discussion' : 'reviews';
              setTab(other);
              (event.currentTarget.parentElement?.querySelector(`#ripple-tab-${other}`) as HTMLElement | null)?.focus();
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`ripple-tabpanel-${tab}`} aria-labelledby={`ripple-tab-${tab}`}>
        {tab === 'reviews' ? (
          <ReviewsTab item={item} mine={summary?.mine ?? null} completed={completed} canModerate={canModerate} onSummary={onSummary} />
        ) : (
          <DiscussionTab item={item} canModerate={canModerate} onCountChange={onCommentCount} />
        )}
      </div>
    </div>
  );
}
