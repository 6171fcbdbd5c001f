/**
 * Styles for widgets inside their shadow roots. `:host { all: initial }` keeps the LMS's CSS out;
 * the shadow boundary keeps ours from leaking in. Colours meet WCAG AA contrast on white.
 */
export const WIDGET_STYLES = `
:host { all: initial; display: inline-block; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2125; vertical-align: middle; }
.ripple-rating { position: relative; display: inline-block; text-align: left; }
.bar { display: inline-flex; align-items: center; flex-wrap: wrap; gap: 8px; padding: 4px 10px; border: 1px solid #d0d5db; border-radius: 999px; background: #fff; }
button { font: inherit; cursor: pointer; }
button:focus-visible, select:focus-visible, textarea:focus-visible, input:focus-visible { outline: 2px solid #0f6cbf; outline-offset: 1px; }
.toggle { border: 0; background: none; color: #0f5ca8; padding: 2px 4px; border-radius: 4px; }
.toggle[aria-expanded="true"] { background: #e8f0fa; }
.popover { position: absolute; right: 0; top: calc(100% + 6px); z-index: 2147483000; width: min(34rem, 92vw); max-height: 70vh; overflow: auto; box-sizing: border-box; padding: 12px 14px; background: #fff; border: 1px solid #d0d5db; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.15); }
.popover.left { right: auto; left: 0; }
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
.ripple-badge.popular { background: #fff4e5; color: #8a3c00; }
.colleagues { margin: 4px 0 0 12px; font-size: 12px; color: #374151; }
.shelf { display: block; margin: 0 0 16px; padding: 10px 14px; background: #fff; border: 1px solid #d0d5db; border-radius: 8px; }
.shelf h2 { font-size: 15px; margin: 0 0 6px; }
.shelf ol { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 0; padding: 0; list-style: none; }
.shelf li { font-size: 13px; }
.shelf a { color: #0f5ca8; }
.link { border: 0; background: none; padding: 0; color: #0f5ca8; text-decoration: underline; }
.link[aria-pressed="true"] { font-weight: 700; }
.link:disabled { color: #6b7280; text-decoration: none; cursor: default; }
.muted { color: #4b5563; }
.extras { font-size: 12px; }
.side-panel { display: block; margin: 0 0 6px auto; font-size: 12px; }
.error { color: #b91c1c; margin: 4px 0; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

/** Styles of the reviews-and-discussion panel: shipped with the panel script, not on every page. */
export const PANEL_STYLES = `
.also-took h3 { font-size: 13px; margin: 6px 0 2px; }
.also-took ul { margin: 0 0 8px; padding-left: 18px; font-size: 13px; }
.histogram { list-style: none; margin: 0 0 10px; padding: 0; }
.histogram li { display: grid; grid-template-columns: 2.2em 1fr 2.5em; align-items: center; gap: 6px; font-size: 12px; }
.hbar { display: block; height: 8px; border-radius: 4px; background: #eef0f2; overflow: hidden; }
.histogram .fill { display: block; height: 100%; background: #b45309; }
.bar-count { color: #4b5563; text-align: right; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid #e5e7eb; margin-bottom: 8px; }
.tabs [role="tab"] { border: 0; background: none; padding: 6px 10px; color: #374151; border-bottom: 2px solid transparent; }
.tabs [role="tab"][aria-selected="true"] { color: #0f5ca8; border-bottom-color: #0f5ca8; font-weight: 600; }
.text-form { display: grid; gap: 6px; margin-bottom: 10px; }
.text-form textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 6px 8px; border: 1px solid #8a949e; border-radius: 6px; resize: vertical; }
.form-row { display: flex; align-items: center; gap: 8px; justify-content: flex-end; }
.form-row .muted { margin-right: auto; font-size: 12px; }
.text-form button[type="submit"] { background: #0f6cbf; color: #fff; border: 1px solid #0f6cbf; border-radius: 6px; padding: 4px 12px; }
.text-form button[type="submit"]:disabled { opacity: .6; cursor: default; }
.sort { display: block; font-size: 12px; color: #4b5563; margin: 6px 0; }
.review, .comment { border-top: 1px solid #eef0f2; padding: 8px 0; }
.reply { margin-left: 16px; border-top: 0; padding: 6px 0 0 10px; border-left: 2px solid #eef0f2; }
.review-head, .meta { margin: 0; }
.meta { font-size: 12px; color: #4b5563; }
.stars-static { color: #b45309; letter-spacing: 1px; } .stars-static .dim { color: #d1d5db; }
.badge-completed { font-size: 11px; background: #e7f5ec; color: #166534; border-radius: 999px; padding: 0 6px; }
.state { color: #b45309; font-weight: 600; }
.markdown { overflow-wrap: anywhere; } .markdown p { margin: 4px 0; } .markdown pre { overflow: auto; background: #f6f8fa; padding: 6px; border-radius: 4px; }
.markdown a { color: #0f5ca8; }
.actions, .comment-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; font-size: 12px; }
.link.danger { color: #b91c1c; }
.text-form label { display: grid; gap: 2px; font-size: 12px; color: #374151; }
.text-form input[type="text"], .text-form input[type="url"] { font: inherit; padding: 4px 8px; border: 1px solid #8a949e; border-radius: 6px; }
.text-form button.secondary, .tab-body > button, .form-row > button:not(.link):not([type="submit"]) { background: #fff; color: #0f5ca8; border: 1px solid #0f6cbf; border-radius: 6px; padding: 4px 12px; }
.kinds { display: flex; gap: 12px; border: 0; margin: 0; padding: 0; font-size: 13px; }
.kinds legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
.about-choices { flex-wrap: wrap; gap: 4px 12px; }
.kinds label { display: inline-flex; flex-direction: row; align-items: center; gap: 4px; font-size: 13px; }
.contribution, .post { border-top: 1px solid #eef0f2; padding: 8px 0; }
.resource-title { margin: 4px 0; } .resource-title a { color: #0f5ca8; }
.contribution .kind, .queue-entry .kind { font-size: 11px; text-transform: uppercase; letter-spacing: .03em; color: #374151; background: #f3f4f6; border-radius: 4px; padding: 0 4px; }
.post h4 { margin: 0 0 2px; font-size: 14px; }
.post .about { margin: 2px 0; font-size: 12px; }
.badge { font-size: 11px; color: #8a3c00; }
.follow { display: block; margin: 0 0 8px auto; font-size: 12px; }
.notifications { list-style: none; margin: 0; padding: 0; }
.notification { border-top: 1px solid #eef0f2; padding: 6px 0; } .notification p { margin: 2px 0; }
.notification.unread { border-left: 3px solid #0f6cbf; padding-left: 8px; font-weight: 600; }
.notification.unread .meta { font-weight: 400; }
.queue-entry { border-top: 1px solid #eef0f2; padding: 8px 0; }
.queue-entry .notes { margin: 4px 0; padding-left: 18px; font-size: 12px; color: #374151; }
`;
