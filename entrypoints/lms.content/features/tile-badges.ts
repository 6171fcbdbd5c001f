import type { Feature } from '../feature-manager';
import type { Tile } from '../adapters/types';
import type { ItemSummary } from '../../../server/contract/items';
import { renderTileBadge } from '../../../components/widgets/TileBadge';
import { mountWidget, type MountedWidget } from '../mount';
import { requestSummaries } from '../summary-loader';
import { onSummaryChanged } from '../summary-events';
import type { ItemPopularity } from '../../../server/contract/popularity';
import { pageContextOf, recordSignals } from '../page-context';
import type { PageContext } from '../../background/protocol';
import { t } from '../i18n';

/**
 * A compact rating on every tile of a listing or course page (course cards, course boxes, activity
 * rows). All tiles present together are asked for in one request; tiles the LMS adds later are
 * asked for in one more, and badges the LMS re-renders away are put back.
 *
 * Test pages: /my/courses.php, /course/index.php?categoryid=2, /course/view.php?id=2.
 */
export const tileBadges: Feature = {
  id: 'tile-badge',
  include: (page) => page.tiles.length > 0,
  init(page, signal) {
    const badges = new Map<string, Badge>();
    const mountNew = (tiles: Tile[]): Badge[] => {
      const added: Badge[] = [];
      for (const tile of tiles) {
        const existing = badges.get(tile.item.key);
        if (existing) {
          existing.widget.ensurePlaced(tile.anchor);
          continue;
        }
        const badge = new Badge(mountWidget({ feature: 'tile-badge', item: tile.item.key, anchor: tile.anchor, signal }));
        onSummaryChanged(badge.key, (summary) => badge.show(summary, 'fresh'), signal);
        badges.set(tile.item.key, badge);
        added.push(badge);
      }
      return added;
    };
    const context = pageContextOf(page);
    const addTiles = (tiles: Tile[]) => {
      const added = mountNew(tiles);
      if (added.length > 0) load(added, context);
      // Completion the page shows on its rows is the learner's own: it counts for popularity.
      recordSignals(
        tiles
          .filter((tile) => tile.completed === true && added.some((badge) => badge.key === tile.item.key))
          .map((tile) => ({ item: tile.item.key, kind: 'complete' as const, itemTitle: tile.item.title })),
      );
    };
    addTiles(page.tiles);
    return { update: (next) => addTiles(next.tiles) };
  },
};

function load(badges: Badge[], page: PageContext): void {
  const request = requestSummaries(
    badges.map((badge) => badge.key),
    page,
  );
  let fresh = false;
  void request.cached.then((cached) => {
    if (!fresh) for (const badge of badges) badge.show(cached.get(badge.key), 'cached');
  });
  void request.fresh.then((answer) => {
    fresh = true;
    for (const badge of badges) {
      if (answer.ok) badge.show(answer.summaries.get(badge.key), 'fresh', answer.popularity.get(badge.key));
      else badge.show(undefined, 'offline');
    }
  });
}

class Badge {
  private summary: ItemSummary | undefined;
  private popularity: ItemPopularity | undefined;
  readonly key: string;

  constructor(readonly widget: MountedWidget) {
    this.key = widget.host.dataset.rippleItem!;
    this.render(true);
  }

  show(summary: ItemSummary | undefined, state: 'cached' | 'fresh' | 'offline', popularity?: ItemPopularity): void {
    if (popularity) this.popularity = popularity;
    // Offline keeps whatever the cache showed.
    if (state !== 'offline' || !this.summary) this.summary = summary ?? this.summary;
    this.widget.host.dataset.rippleState = state;
    this.render(false);
  }

  private render(loading: boolean): void {
    renderTileBadge(this.widget.root, {
      average: this.summary?.average ?? null,
      count: this.summary?.count ?? 0,
      loading,
      popularWithTeam: this.popularity?.popularWithTeam ?? false,
      t,
    });
  }
}
