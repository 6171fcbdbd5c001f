import type { Feature } from '../feature-manager';
import type { LmsItem } from '../adapters/types';
import type { ItemSummary } from '../../../server/contract/items';
import { RatingWidgetView, type WidgetStatus } from '../../../components/widgets/RatingWidget';
import { sendToBackground, type FailureReason } from '../../background/protocol';
import { mountWidget, type MountedWidget } from '../mount';
import { requestSummaries } from '../summary-loader';
import { withOwnRating } from '../../../server/contract/rating-math';
import { reasonKey } from '../../../components/failure-text';
import { t } from '../i18n';
import { PanelSlot } from '../panel-slot';
import type { ItemPanelProps, PanelTab } from '../../../components/panel/ItemPanel';
import type { AlsoTookEntry, ItemPopularity } from '../../../server/contract/popularity';
import type { PageContext } from '../../background/protocol';
import { pageContextOf, recordSignals } from '../page-context';
import { itemUrl } from '../item-url';
import { onSummaryChanged } from '../summary-events';

/**
 * The colleagues' rating of the page's own item, in the page header: cached figures at once, the
 * server's right after, and the learner's own stars to set or change.
 *
 * Test pages: /course/view.php?id=2, /mod/quiz/view.php?id=7 (shared/fixtures/moodle-5.1).
 */
export const ratingWidget: Feature = {
  id: 'rating',
  include: (page) => page.item !== null && page.headerAnchor !== null,
  init(page, signal) {
    const item = page.item!;
    const widget = mountWidget({ feature: 'rating', item: item.key, anchor: page.headerAnchor!, signal });
    new RatingController(item, page.completed ?? false, widget, signal).start(pageContextOf(page));
    // What the learner did here, for "popular with colleagues" (batched; the learner may pause it).
    recordSignals([
      { item: item.key, kind: 'view', itemTitle: item.title },
      ...(page.completed ? [{ item: item.key, kind: 'complete' as const, itemTitle: item.title }] : []),
    ]);
    // So the side panel, opened from the toolbar, knows what this tab shows.
    void sendToBackground('page.item', { key: item.key, title: item.title, completed: page.completed ?? false }).catch(() => {});
    return {
      update(next) {
        if (next.headerAnchor) widget.ensurePlaced(next.headerAnchor);
      },
    };
  },
};

/** `data-ripple-state` on the host says what the widget shows; tests read it. */
type ShownState = 'loading' | 'cached' | 'fresh' | 'offline' | 'signed-out' | 'error';

class RatingController {
  private summary: ItemSummary | null = null;
  private shown: ShownState = 'loading';
  private saving = false;
  private notice: string | undefined;
  private expanded = false;
  private initialTab: PanelTab | undefined;
  private popularity: ItemPopularity | null = null;
  private alsoTook: AlsoTookEntry[] = [];
  /** Bumped by every write, so an older answer never overwrites a newer choice. */
  private writeSeq = 0;
  private readonly view: RatingWidgetView;
  private panel: PanelSlot | null = null;

  constructor(
    private readonly item: LmsItem,
    private readonly completed: boolean,
    private readonly widget: MountedWidget,
    private readonly signal: AbortSignal,
  ) {
    this.view = new RatingWidgetView(
      item.key,
      {
        onRate: (stars) => this.rate(stars),
        onToggle: () => {
          this.expanded = !this.expanded;
          this.initialTab = undefined;
          this.render();
        },
        onOpenExtras: () => {
          this.expanded = true;
          this.initialTab = (this.summary?.contributionCount ?? 0) > 0 ? 'resources' : 'posts';
          this.render();
        },
        onOpenSidePanel: () => void sendToBackground('panel.open', {}).catch(() => {}),
      },
      t,
    );
    widget.root.append(this.view.element);
    signal.addEventListener('abort', () => this.panel?.unmount(), { once: true });
  }

  start(page: PageContext): void {
    this.render();
    // Another tab (or the outbox, or a colleague live) changed it: show it, unless mid-write here
    // or read before a change this widget already shows (the learner's comment counted at once).
    onSummaryChanged(
      this.item.key,
      (summary) => {
        if (this.saving || (this.summary && summary.revision < this.summary.revision)) return;
        this.notice = undefined;
        this.show(summary, 'fresh');
      },
      this.signal,
    );
    const request = requestSummaries([this.item.key], page);
    void request.cached.then((cached) => {
      const summary = cached.get(this.item.key);
      // The fresh answer may already be here; the cache never overrides it.
      if (summary && this.shown === 'loading') this.show(summary, 'cached');
    });
    void request.fresh.then((answer) => {
      if (!answer.ok) return this.fail(answer.reason);
      this.popularity = answer.popularity.get(this.item.key) ?? null;
      this.alsoTook = answer.alsoTook ?? [];
      this.show(answer.summaries.get(this.item.key) ?? null, 'fresh');
    });
  }

  private rate(stars: number): void {
    const before = this.summary;
    const seq = ++this.writeSeq;
    this.summary = withOwnRating(before, this.item.key, stars);
    this.saving = true;
    this.notice = undefined;
    this.render();
    void sendRating(this.item, stars).then((answer) => {
      if (seq !== this.writeSeq) return;
      this.saving = false;
      if (answer.ok && answer.pending) {
        // Safe in the outbox; the widget says so and shows the learner's choice meanwhile.
        this.notice = t('reasonQueued');
        return this.show(answer.summary, 'offline');
      }
      if (answer.ok) return this.show(answer.summary, 'fresh');
      // Nothing was stored: put back what the server last confirmed and say why.
      this.summary = before;
      this.notice = t('saveFailed', t(reasonKey(answer.reason)));
      this.render();
    });
  }

  private show(summary: ItemSummary | null, shown: ShownState): void {
    // A User Timing mark: visible in DevTools' performance panel, and read by `npm run bench`.
    if (this.shown === 'loading') performance.mark(`ripple:figures:${shown}`);
    this.summary = summary;
    this.shown = shown;
    this.render();
  }

  private fail(reason: FailureReason): void {
    this.shown = reason === 'signed-out' ? 'signed-out' : reason === 'offline' ? 'offline' : 'error';
    this.render();
  }

  private render(): void {
    if (this.signal.aborted) return;
    const status: WidgetStatus =
      this.shown === 'cached' || this.shown === 'fresh' ? 'ready' : this.shown === 'loading' ? 'loading' : this.shown;
    this.widget.host.dataset.rippleState = this.shown;
    this.view.update({
      average: this.summary?.average ?? null,
      count: this.summary?.count ?? 0,
      mine: this.summary?.mine ?? null,
      status: status === 'loading' && this.summary ? 'ready' : status,
      notice: this.notice,
      saving: this.saving,
      commentCount: this.summary?.commentCount ?? 0,
      extrasLine: extrasLine(this.summary),
      colleaguesLine: colleaguesLine(this.popularity),
      expanded: this.expanded,
    });
    this.renderPanel();
  }

  /** The panel lives while the widget is expanded, and follows the widget's figures. */
  private renderPanel(): void {
    const container = this.view.panelContainer;
    if (!container) {
      this.panel?.unmount();
      this.panel = null;
      return;
    }
    const props: ItemPanelProps = {
      alsoTook: this.alsoTook.map((entry) => ({ title: entry.title ?? entry.item, url: itemUrl(entry.item), colleagues: entry.colleagues })),
      item: this.item,
      summary: this.summary,
      completed: this.completed,
      onSummary: (summary) => this.show(summary, 'fresh'),
      ...(this.initialTab ? { initialTab: this.initialTab } : {}),
      onCount: (field, delta) => {
        // The server has moved on by at least one revision: older reads are dropped from now.
        const { summary } = this;
        if (summary) this.show({ ...summary, [field]: Math.max(0, (summary[field] ?? 0) + delta), revision: summary.revision + 1 }, 'fresh');
      },
    };
    if (this.panel) this.panel.update(props);
    else this.panel = new PanelSlot(container, props);
  }
}


async function sendRating(item: LmsItem, stars: number) {
  try {
    return await sendToBackground('rating.set', { item: item.key, stars, title: item.title || undefined });
  } catch {
    // The extension was reloaded under the page.
    return { ok: false as const, reason: 'offline' as const };
  }
}

/** "3 resources · 1 post": what colleagues added, shown only when there is some. */
function extrasLine(summary: ItemSummary | null): string | undefined {
  if (!summary) return undefined;
  const parts = [
    summary.contributionCount > 0 ? t(summary.contributionCount === 1 ? 'resourcesCountOne' : 'resourcesCountMany', String(summary.contributionCount)) : '',
    summary.postCount > 0 ? t(summary.postCount === 1 ? 'postsCountOne' : 'postsCountMany', String(summary.postCount)) : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/**
 * "12 colleagues in your team took this in the last 30 days": the narrowest group whose figure
 * the server shows (it withholds any figure about fewer people than the company's minimum).
 */
function colleaguesLine(popularity: ItemPopularity | null): string | undefined {
  if (!popularity) return undefined;
  const groups = [
    ['team', popularity.team],
    ['unit', popularity.unit],
    ['company', popularity.company],
  ] as const;
  for (const [group, figures] of groups) {
    if (figures.completed !== null && figures.completed > 0) return t(`colleaguesCompleted_${group}`, String(figures.completed));
    if (figures.viewed !== null && figures.viewed > 0) return t(`colleaguesViewed_${group}`, String(figures.viewed));
  }
  return undefined;
}
