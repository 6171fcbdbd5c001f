// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { RatingWidgetView, type RatingWidgetState } from '../../components/widgets/RatingWidget';
import { renderTileBadge } from '../../components/widgets/TileBadge';
import { shelf } from '../../components/widgets/Shelf';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile-corpus';

const t = (key: string, substitutions?: string | string[]) => [key, ...[substitutions ?? []].flat()].join(':');
const ready: RatingWidgetState = { average: 4, count: 2, mine: null, status: 'ready', commentCount: 0, expanded: false };

function widget() {
  const actions = { onRate: vi.fn(), onToggle: vi.fn(), onOpenExtras: vi.fn(), onOpenSidePanel: vi.fn() };
  const view = new RatingWidgetView('moodle:lms.example:course:2', actions, t);
  document.body.append(view.element);
  return { view, actions };
}

describe('the rating widget (plain DOM, on every LMS page)', () => {
  it('updates in place, so the star or button a keyboard user is on keeps the focus', () => {
    const { view, actions } = widget();
    view.update(ready);
    const third = view.element.querySelectorAll('input[type=radio]')[2] as HTMLInputElement;
    third.focus();
    third.checked = true;
    third.dispatchEvent(new Event('change'));
    expect(actions.onRate).toHaveBeenCalledWith(3);
    view.update({ ...ready, mine: 3, count: 3, saving: true });
    expect(document.activeElement).toBe(third);
    expect(view.element.getAttribute('aria-busy')).toBe('true');
    expect(view.element.querySelectorAll('.star.on')).toHaveLength(3);
    view.update({ ...ready, mine: 3, count: 3 });
    expect(document.activeElement).toBe(third);
    expect(view.element.getAttribute('aria-busy')).toBe('false');
    expect(view.element.querySelector('.aggregate')!.textContent).toBe('★4.0 (3)');
  });

  it('opens and closes the panel with its button, which says what it controls', () => {
    const { view, actions } = widget();
    view.update(ready);
    const toggle = view.element.querySelector('button.toggle') as HTMLButtonElement;
    toggle.click();
    expect(actions.onToggle).toHaveBeenCalledOnce();
    view.update({ ...ready, expanded: true });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(view.panelContainer).not.toBeNull();
    expect(view.element.querySelector(`#${CSS.escape(toggle.getAttribute('aria-controls')!)}`)).not.toBeNull();
    view.update({ ...ready, expanded: false });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.hasAttribute('aria-controls')).toBe(false);
    expect(view.panelContainer).toBeNull();
    expect(view.element.querySelector('.popover')).toBeNull();
  });

  it('shows the extras and colleagues lines only when there is something to say', () => {
    const { view } = widget();
    view.update(ready);
    expect((view.element.querySelector('.extras') as HTMLElement).hidden).toBe(true);
    expect(view.element.querySelector('.colleagues')).toBeNull();
    view.update({ ...ready, extrasLine: '3 resources', colleaguesLine: '5 colleagues' });
    expect((view.element.querySelector('.extras') as HTMLElement).hidden).toBe(false);
    expect(view.element.querySelector('.colleagues')!.textContent).toBe('5 colleagues');
  });
});

describe('tile badges and the shelf', () => {
  it('reads a badge out as one phrase', () => {
    const root = document.createElement('div');
    renderTileBadge(root, { average: 4.25, count: 12, loading: false, popularWithTeam: true, t });
    expect(root.querySelector('[role=img]')!.getAttribute('aria-label')).toBe('averageLabel:4.3, ratingCountMany:12');
    expect(root.querySelector('.popular')!.textContent).toBe('popularWithTeam');
  });

  it('shows hostile titles as text, and nothing of them runs or becomes markup', () => {
    const entries = HOSTILE_PAYLOADS.map((title, index) => ({ key: `k${index}`, title, url: `https://lms.example/${index}`, colleagues: 6 }));
    const element = shelf({ entries, t })!;
    const titles = [...element.querySelectorAll('li a')].map((link) => link.textContent);
    expect(titles).toEqual(HOSTILE_PAYLOADS);
    expect(element.querySelectorAll('script, img, iframe, svg, style')).toHaveLength(0);
  });
});
