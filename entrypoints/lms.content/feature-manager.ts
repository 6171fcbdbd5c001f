import type { PageModel } from './adapters/types';
import { onDomChanges } from './dom-changes';

/** What a running feature offers back: a way to follow the page as the LMS changes it. */
export interface FeatureRun {
  /** The same page, re-read after the LMS changed its DOM (late tiles, a re-render). */
  update?(page: PageModel): void;
}

/**
 * A feature is one widget: which pages it runs on and how it starts. `init` gets a signal that
 * aborts when the page changes under it (SPA navigation) or the script is unloaded.
 */
export interface Feature {
  id: string;
  include: (page: PageModel) => boolean;
  init: (page: PageModel, signal: AbortSignal) => FeatureRun | void;
}

/**
 * Runs the features that apply to the current page and keeps them in step with it: when the LMS
 * changes its DOM the page is read again; the same page updates the running features (and starts
 * those that now apply), a different page restarts them all. A feature's error is caught and
 * logged on its own: it must neither stop the others nor reach the host page.
 */
export class FeatureManager {
  private run: AbortController | null = null;
  private page: PageModel | null = null;
  private readonly running = new Map<Feature, FeatureRun>();

  constructor(
    private readonly features: readonly Feature[],
    private readonly readCurrentPage: () => PageModel | null,
  ) {}

  /** (Re)starts everything for the page as it is now; called on load and on SPA navigation. */
  restart(): void {
    this.stop();
    const run = new AbortController();
    this.run = run;
    this.page = this.readCurrentPage();
    // A page no adapter recognises is left alone entirely, not even observed.
    if (!this.page) return;
    this.startApplicable(this.page, run.signal);
    onDomChanges(() => this.refresh(), run.signal);
  }

  stop(): void {
    this.run?.abort();
    this.run = null;
    this.running.clear();
  }

  private refresh(): void {
    const page = this.readCurrentPage();
    // Unreadable for a moment (the LMS is mid-render): keep what runs; the next change re-reads.
    if (!page || !this.run) return;
    if (!this.page || !samePage(this.page, page)) return this.restart();
    this.page = page;
    for (const [feature, run] of this.running) guard(feature, () => run.update?.(page));
    this.startApplicable(page, this.run.signal);
  }

  private startApplicable(page: PageModel, signal: AbortSignal): void {
    for (const feature of this.features) {
      if (this.running.has(feature)) continue;
      guard(feature, () => {
        if (!feature.include(page)) return;
        this.running.set(feature, feature.init(page, signal) ?? {});
      });
    }
  }
}

function samePage(a: PageModel, b: PageModel): boolean {
  return a.adapter === b.adapter && a.kind === b.kind && a.item?.key === b.item?.key;
}

function guard(feature: Feature, action: () => void): void {
  try {
    action();
  } catch (error) {
    console.warn(`[ripple] feature "${feature.id}" failed`, error);
  }
}
