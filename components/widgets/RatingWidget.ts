import { h, setAttributes, setChildren } from './dom';
import type { Translate } from '../i18n';

export type WidgetStatus = 'loading' | 'ready' | 'offline' | 'signed-out' | 'error';

/** What the widget shows; given again, whole, at every change. */
export interface RatingWidgetState {
  average: number | null;
  count: number;
  mine: number | null;
  status: WidgetStatus;
  /** A message about the learner's last action, e.g. why a rating could not be saved. */
  notice?: string;
  saving?: boolean;
  /** Comments on the item, shown on the panel's button. */
  commentCount: number;
  /** "3 resources · 1 post" from colleagues; a click opens the panel on them. */
  extrasLine?: string;
  /** "12 colleagues in your team took this…", when the server shows such a figure. */
  colleaguesLine?: string;
  /** Whether the reviews-and-discussion panel is open. */
  expanded: boolean;
}

export interface RatingWidgetActions {
  onRate: (stars: number) => void;
  onToggle: () => void;
  onOpenExtras: () => void;
  onOpenSidePanel: () => void;
}

const STAR_VALUES = [1, 2, 3, 4, 5] as const;

/**
 * Colleagues' average and count, the learner's own stars as a native radio group (arrows, Tab and
 * screen readers behave as for any radio group), and the button that opens the panel. Built once;
 * `update` changes what differs in place, so a focused star or button keeps the focus.
 */
export class RatingWidgetView {
  readonly element: HTMLElement;
  /** Where the panel goes while `expanded` (null when closed). */
  panelContainer: HTMLElement | null = null;
  private readonly aggregate = h('p', { class: 'aggregate' });
  private readonly stars: HTMLFieldSetElement;
  private readonly radios: HTMLInputElement[];
  private readonly statuses = h('span', { style: 'display: contents' });
  private readonly toggle: HTMLButtonElement;
  private readonly extras: HTMLButtonElement;
  private readonly bar: HTMLElement;
  private readonly colleagues = h('p', { class: 'colleagues' });
  private popover: HTMLElement | null = null;
  private readonly panelId: string;

  constructor(
    id: string,
    private readonly actions: RatingWidgetActions,
    private readonly t: Translate,
  ) {
    this.panelId = `ripple-panel-${id}`;
    this.radios = STAR_VALUES.map((stars) =>
      h('input', { type: 'radio', class: 'visually-hidden', name: `ripple-stars-${id}`, value: String(stars), onchange: () => actions.onRate(stars) }),
    );
    this.stars = h(
      'fieldset',
      { class: 'stars' },
      h('legend', { class: 'visually-hidden' }, t('yourRating')),
      ...STAR_VALUES.map((stars, index) => {
        const label = t(stars === 1 ? 'starOne' : 'starMany', String(stars));
        return h('label', { class: 'star', title: label }, this.radios[index]!, h('span', { 'aria-hidden': 'true' }, '★'), h('span', { class: 'visually-hidden' }, label));
      }),
    );
    this.toggle = h('button', { type: 'button', class: 'toggle', onclick: () => actions.onToggle() });
    this.extras = h('button', { type: 'button', class: 'link extras', hidden: true, onclick: () => actions.onOpenExtras() });
    this.bar = h('div', { class: 'bar' }, this.aggregate, this.stars, this.statuses, this.toggle, this.extras);
    this.element = h('section', { class: 'ripple-rating', 'aria-label': t('widgetLabel') }, this.bar);
  }

  update(state: RatingWidgetState): void {
    const { t } = this;
    this.element.setAttribute('aria-busy', String(state.status === 'loading' || state.saving === true));
    this.renderAggregate(state);
    setAttributes(this.stars, { disabled: state.status === 'signed-out' });
    this.radios.forEach((radio, index) => {
      const stars = index + 1;
      radio.checked = state.mine === stars;
      radio.parentElement!.className = state.mine !== null && stars <= state.mine ? 'star on' : 'star';
    });
    setChildren(
      this.statuses,
      state.status === 'offline' && h('span', { class: 'status offline', role: 'status', title: t('offlineDetail') }, t('offline')),
      state.status === 'signed-out' && h('span', { class: 'status', role: 'status' }, t('signedOut')),
      state.saving && h('span', { class: 'status', role: 'status' }, t('saving')),
      state.notice && h('span', { class: 'status notice', role: 'alert' }, state.notice),
    );
    const controls = state.expanded ? this.panelId : null;
    setAttributes(this.toggle, { 'aria-expanded': String(state.expanded), 'aria-controls': controls });
    this.toggle.textContent = t('openPanel', String(state.commentCount));
    setAttributes(this.extras, { hidden: !state.extrasLine, 'aria-controls': controls });
    this.extras.textContent = state.extrasLine ?? '';
    // In the page only with a figure to give (nothing focusable inside: it may come and go).
    this.colleagues.textContent = state.colleaguesLine ?? '';
    if (!state.colleaguesLine) this.colleagues.remove();
    else if (!this.colleagues.parentNode) this.bar.after(this.colleagues);
    this.renderPopover(state.expanded);
  }

  private renderAggregate({ average, count, status }: RatingWidgetState): void {
    const { t } = this;
    if (average === null || count === 0) {
      setChildren(this.aggregate, h('span', { class: 'empty' }, status === 'loading' ? t('loading') : t('noRatings')));
      return;
    }
    const averageText = average.toFixed(1);
    setChildren(
      this.aggregate,
      h('span', { class: 'glyph', 'aria-hidden': 'true' }, '★'),
      h('span', { class: 'average', 'aria-label': t('averageLabel', averageText) }, averageText),
      ' ',
      h('span', { class: 'count', 'aria-label': t(count === 1 ? 'ratingCountOne' : 'ratingCountMany', String(count)) }, `(${count})`),
    );
  }

  /** Opens towards the side with room: the widget may sit at either edge of the LMS header. */
  private renderPopover(expanded: boolean): void {
    if (expanded === (this.popover !== null)) return;
    if (!expanded) {
      this.popover!.remove();
      this.popover = this.panelContainer = null;
      return;
    }
    this.panelContainer = h('div');
    this.popover = h(
      'div',
      { id: this.panelId, class: 'popover' },
      h('button', { type: 'button', class: 'link side-panel', onclick: () => this.actions.onOpenSidePanel() }, this.t('openSidePanel')),
      this.panelContainer,
    );
    this.element.append(this.popover);
    if (this.popover.getBoundingClientRect().left < 0) this.popover.classList.add('left');
  }
}
