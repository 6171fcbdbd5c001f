/**
 * Styles for widgets inside their shadow roots. `:host { all: initial }` keeps the LMS's CSS out;
 * the shadow boundary keeps ours from leaking in. Colours meet WCAG AA contrast on white.
 */
export const WIDGET_STYLES = `
:host { all: initial; display: inline-block; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2125; vertical-align: middle; }
.ripple-rating { display: inline-flex; align-items: center; flex-wrap: wrap; gap: 8px; padding: 4px 10px; border: 1px solid #d0d5db; border-radius: 999px; background: #fff; }
.aggregate { margin: 0; display: inline-flex; align-items: baseline; gap: 4px; }
.glyph { color: #b45309; }
.average { font-weight: 600; }
.count, .empty, .status { color: #4b5563; }
.stars { display: inline-flex; border: 0; margin: 0; padding: 0; min-width: 0; }
.star { cursor: pointer; font-size: 18px; line-height: 1; padding: 0 1px; color: #9ca3af; }
.star.on { color: #b45309; }
.stars:not([disabled]):hover .star { color: #b45309; }
.stars:not([disabled]) .star:hover ~ .star { color: #9ca3af; }
.star:focus-within { outline: 2px solid #0f6cbf; outline-offset: 1px; border-radius: 3px; }
.stars[disabled] .star { cursor: default; opacity: .6; }
.status { font-size: 12px; }
.offline::before { content: "●"; color: #9ca3af; margin-right: 4px; }
.notice { color: #b91c1c; }
.ripple-badge { display: inline-flex; align-items: baseline; gap: 2px; margin-left: 6px; padding: 0 7px; border-radius: 999px; background: #f3f4f6; color: #374151; font-size: 12px; line-height: 18px; white-space: nowrap; }
.ripple-badge.empty, .ripple-badge.loading { color: #6b7280; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
