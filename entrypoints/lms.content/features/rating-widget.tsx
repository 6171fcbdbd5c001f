import type { Feature } from '../feature-manager';
import type { LmsItem } from '../adapters/types';
import type { RatingSummary } from '../../../server/contract/ratings';
import { RatingWidget, type WidgetStatus } from '../../../components/RatingWidget';
import { sendToBackground, type FailureReason } from '../../background/protocol';
import { mountWidget, type MountedWidget } from '../mount';
import { requestSummaries } from '../summary-loader';
import { t } from '../i18n';

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
    new RatingController(item, widget, signal).start();
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
  private summary: RatingSummary | null = null;
  private shown: ShownState = 'loading';
  private saving = false;
  private notice: string | undefined;
  /** Bumped by every write, so an older answer never overwrites a newer choice. */
  private writeSeq = 0;

  constructor(
    private readonly item: LmsItem,
    private readonly widget: MountedWidget,
    private readonly signal: AbortSignal,
  ) {}

  start(): void {
    this.render();
    const request = requestSummaries([this.item.key]);
    void request.cached.then((cached) => {
      const summary = cached.get(this.item.key);
      // The fresh answer may already be here; the cache never overrides it.
      if (summary && this.shown === 'loading') this.show(summary, 'cached');
    });
    void request.fresh.then((answer) => {
      if (answer.ok) this.show(answer.summaries.get(this.item.key) ?? null, 'fresh');
      else this.fail(answer.reason);
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
      if (answer.ok) return this.show(answer.summary, 'fresh');
      // Nothing was stored: put back what the server last confirmed and say why.
      this.summary = before;
      this.notice = t('saveFailed', t(reasonKey(answer.reason)));
      this.render();
    });
  }

  private show(summary: RatingSummary | null, shown: ShownState): void {
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
    this.widget.render(
      <RatingWidget
        id={this.item.key}
        average={this.summary?.average ?? null}
        count={this.summary?.count ?? 0}
        mine={this.summary?.mine ?? null}
        status={status === 'loading' && this.summary ? 'ready' : status}
        notice={this.notice}
        saving={this.saving}
        onRate={(stars) => this.rate(stars)}
        t={t}
      />,
    );
  }
}

/** What the learner expects to see the moment they click, before the server confirms it. */
function withOwnRating(summary: RatingSummary | null, item: string, stars: number): RatingSummary {
  const count = summary?.count ?? 0;
  const total = (summary?.average ?? 0) * count;
  const mine = summary?.mine ?? null;
  const newCount = mine === null ? count + 1 : count;
  return { item, count: newCount, average: (total - (mine ?? 0) + stars) / newCount, mine: stars };
}

function reasonKey(reason: FailureReason): string {
  return { offline: 'reasonOffline', 'signed-out': 'reasonSignedOut', rejected: 'reasonRejected', error: 'reasonError' }[reason];
}

async function sendRating(item: LmsItem, stars: number) {
  try {
    return await sendToBackground('rating.set', { item: item.key, stars, title: item.title || undefined });
  } catch {
    // The extension was reloaded under the page.
    return { ok: false as const, reason: 'offline' as const };
  }
}
