import { useEffect, useState } from 'preact/hooks';
import type { ItemSummary } from '../../server/contract/items';
import { Histogram } from '../Histogram';
import { ReviewsTab } from './ReviewsTab';
import { DiscussionTab } from './DiscussionTab';
import { ResourcesTab } from './ResourcesTab';
import { PostsTab } from './PostsTab';
import { FollowToggle } from './FollowToggle';
import { usePanelApi, type PanelItem } from './panel-api';

/** The counts a panel changes as the learner writes, shown in its tabs and in the widget. */
export type CountField = 'commentCount' | 'contributionCount' | 'postCount';

export type PanelTab = 'reviews' | 'discussion' | 'resources' | 'posts';
const TABS: readonly PanelTab[] = ['reviews', 'discussion', 'resources', 'posts'];

export interface ItemPanelProps {
  item: PanelItem;
  summary: ItemSummary | null;
  /** Completion of the item as the adapter saw it on this page. */
  completed: boolean;
  onSummary: (summary: ItemSummary) => void;
  onCount: (field: CountField, delta: number) => void;
  /** The tab shown first (the widget's "resources" line opens that one). */
  initialTab?: PanelTab;
  /** "Colleagues who took this also took" (each shown only when enough colleagues did). */
  alsoTook?: { title: string; url?: string; colleagues: number }[];
}

/** Reviews, discussion, resources and posts of one item, with the rating distribution. */
export function ItemPanel({ item, summary, completed, onSummary, onCount, initialTab, alsoTook }: ItemPanelProps) {
  const { ask, t } = usePanelApi();
  const [tab, setTab] = useState<PanelTab>(initialTab ?? 'reviews');
  const [canModerate, setCanModerate] = useState(false);
  useEffect(() => {
    void ask('session.role', {}).then((answer) => setCanModerate('role' in answer && (answer.role === 'moderator' || answer.role === 'admin')));
  }, []);
  useEffect(() => {
    if (initialTab) setTab(initialTab);
  }, [initialTab]);
  const labels: Record<PanelTab, string> = {
    reviews: t('tabReviews', String(summary?.reviewCount ?? 0)),
    discussion: t('tabDiscussion', String(summary?.commentCount ?? 0)),
    resources: t('tabResources', String(summary?.contributionCount ?? 0)),
    posts: t('tabPosts', String(summary?.postCount ?? 0)),
  };
  const select = (next: PanelTab, focus: HTMLElement | null) => {
    setTab(next);
    (focus?.parentElement?.querySelector(`#ripple-tab-${next}`) as HTMLElement | null)?.focus();
  };
  return (
    <div class="panel">
      <Histogram histogram={summary?.histogram ?? [0, 0, 0, 0, 0]} count={summary?.count ?? 0} t={t} />
      <FollowToggle item={item.key} />
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
        {TABS.map((id, index) => (
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
              // Arrows, Home and End move between tabs (WAI-ARIA tabs pattern), focus included.
              const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
              const next = step ? TABS[(index + step + TABS.length) % TABS.length] : event.key === 'Home' ? TABS[0] : event.key === 'End' ? TABS.at(-1) : undefined;
              if (!next) return;
              event.preventDefault();
              select(next, event.currentTarget);
            }}
          >
            {labels[id]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`ripple-tabpanel-${tab}`} aria-labelledby={`ripple-tab-${tab}`}>
        {tab === 'reviews' && <ReviewsTab item={item} mine={summary?.mine ?? null} completed={completed} canModerate={canModerate} onSummary={onSummary} />}
        {tab === 'discussion' && <DiscussionTab item={item} canModerate={canModerate} onCountChange={(delta) => onCount('commentCount', delta)} />}
        {tab === 'resources' && <ResourcesTab item={item} canModerate={canModerate} onCountChange={(delta) => onCount('contributionCount', delta)} />}
        {tab === 'posts' && <PostsTab item={item} canModerate={canModerate} onCountChange={(delta) => onCount('postCount', delta)} />}
      </div>
    </div>
  );
}
