import { browser } from 'wxt/browser';
import type { ItemSummary } from '../../server/contract/items';
import type { Profile } from '../../server/contract/auth';
import type { Review, ReviewPage, ReviewSort } from '../../server/contract/reviews';
import type { Comment, CommentPage, CommentSort, ReplyPage } from '../../server/contract/comments';
import type { ContentKind, HelpfulVoteResult } from '../../server/contract/content';
import type { ModerateResult, QueuePage, ReportReason } from '../../server/contract/moderation';
import type { AdapterConfigInput } from '../../server/contract/adapter-config';
import type { AlsoTookEntry, ItemPopularity, ShelfEntry } from '../../server/contract/popularity';
import type { Contribution, ContributionPage, NotificationPage, Post, PostPage, PostStatus } from '../../server/contract/contributions';

/** What the page is, so one request can also bring the page's shelf or "also took" list. */
export interface PageContext {
  lms: string;
  site: string;
  kind: 'course' | 'section' | 'activity' | 'listing' | 'dashboard' | 'other';
  /** The page's own item, if any. */
  item?: string;
}

/** Everything a page shows about its items, from one server request. */
export interface PageData {
  summaries: ItemSummary[];
  popularity: ItemPopularity[];
  /** Listing and dashboard pages: what colleagues in the learner's team take most. */
  shelf?: ShelfEntry[];
  /** Item pages: what colleagues who took this item also took. */
  alsoTook?: AlsoTookEntry[];
}

/**
 * The one typed map of messages that pages (content scripts, options, side panel) send to the
 * background. This file is the only background file other entrypoints import; it must stay free
 * of zod and Dexie so the content script stays small. The background validates every message on
 * receipt (./message-schemas.ts) and checks who sent it.
 */

/**
 * Why a call did not succeed, in terms a widget can show. `queued`: the write is safe in the
 * extension's outbox and will be sent when the server can be reached.
 */
export type FailureReason = 'offline' | 'signed-out' | 'rejected' | 'error' | 'queued';

export type Result<T> = ({ ok: true } & T) | { ok: false; reason: FailureReason; message?: string };

export interface ProtocolMap {
  /** Cache only, answered at once: what the widget can show before the network answers. */
  'summaries.cached': { request: { items: string[] }; response: { summaries: ItemSummary[] } };
  /** One batched server request for every item on the page; the cache is refreshed with it. */
  'summaries.fresh': { request: { items: string[]; page?: PageContext }; response: Result<PageData> };
  /** What the learner did on this page (opened, completed), recorded in batches unless paused. */
  'signals.record': { request: { events: { item: string; kind: 'view' | 'complete'; itemTitle?: string }[] }; response: { ok: true } };
  /** The learner's own switch for activity signals (options page). */
  'signals.setPaused': { request: { paused: boolean }; response: { ok: true } };
  'rating.set': {
    request: { item: string; stars: number; title?: string };
    /** `pending`: saved in the outbox, not yet accepted by the server (it will be, when reachable). */
    response: Result<{ summary: ItemSummary; pending?: boolean }>;
  };
  'reviews.list': { request: { item: string; sort: ReviewSort; cursor?: string }; response: Result<{ page: ReviewPage }> };
  'reviews.upsert': {
    request: { item: string; stars: number; title?: string; text: string; completed: boolean; itemTitle?: string };
    response: Result<{ review: Review; summary: ItemSummary }>;
  };
  'reviews.delete': { request: { item: string }; response: Result<{ summary: ItemSummary }> };
  'comments.list': { request: { item: string; sort: CommentSort; cursor?: string }; response: Result<{ page: CommentPage }> };
  'comments.replies': { request: { parentId: string; cursor?: string }; response: Result<{ page: ReplyPage }> };
  'comments.create': {
    request: { item: string; parentId?: string; body: string; itemTitle?: string };
    response: Result<{ comment: Comment }>;
  };
  'comments.edit': { request: { id: string; body: string }; response: Result<{ comment: Comment }> };
  'comments.delete': { request: { id: string }; response: Result<{ comment: Comment }> };
  'content.vote': { request: { kind: VotableKind; id: string; helpful: boolean }; response: Result<{ vote: HelpfulVoteResult }> };
  'content.report': { request: { kind: ContentKind; id: string; reason: ReportReason; note?: string }; response: Result<object> };
  'content.moderate': {
    request: { kind: ContentKind; id: string; action: 'hide' | 'restore' | 'delete' };
    response: Result<{ result: ModerateResult }>;
  };
  /** An item's links, files and tips, most helpful first. */
  'contributions.list': { request: { item: string; cursor?: string }; response: Result<{ page: ContributionPage }> };
  /** The learner's own contributions, newest first (with their moderation state). */
  'contributions.mine': { request: { cursor?: string }; response: Result<{ page: ContributionPage }> };
  'contributions.create': { request: NewLinkOrTip; response: Result<{ contribution: Contribution }> };
  /**
   * A file, as base64 (messages carry JSON only); the background sends the bytes to the server,
   * which decides the type from them and answers a clear refusal for anything it does not allow.
   */
  'contributions.upload': { request: { item: string; name: string; base64: string }; response: Result<{ contribution: Contribution }> };
  /** A contribution's file, fetched with the learner's token (which never leaves the background). */
  'contributions.download': { request: { id: string }; response: Result<{ base64: string; mime: string }> };
  'contributions.delete': { request: { id: string }; response: Result<object> };
  /** Published posts about an item, newest first. */
  'posts.forItem': { request: { item: string; cursor?: string }; response: Result<{ page: PostPage }> };
  /** Posts of the company, the learner's team, or the learner's own (drafts included). */
  'posts.feed': { request: { scope: FeedScope; cursor?: string }; response: Result<{ page: PostPage }> };
  /** Creates a post (no id) or changes one of the learner's own. */
  'posts.save': { request: PostDraft; response: Result<{ post: Post }> };
  'posts.delete': { request: { id: string }; response: Result<object> };
  'follows.get': { request: { item: string }; response: Result<{ following: boolean }> };
  'follows.set': { request: { item: string; following: boolean }; response: Result<{ following: boolean }> };
  'notifications.list': { request: { cursor?: string }; response: Result<{ page: NotificationPage }> };
  /** The unread count the toolbar shows, asked afresh. */
  'notifications.unread': { request: Record<string, never>; response: { unread: number } };
  /** Marks some (or all) read; the toolbar count follows. */
  'notifications.markRead': { request: { ids?: string[]; all?: true }; response: Result<{ unread: number }> };
  /** Extension pages only: where the learner opened these items, for links back into the LMS. */
  'items.urls': { request: { items: string[] }; response: { urls: Record<string, string> } };
  /** The items the learner opened last, with their titles: what a new post may be about. */
  'items.recent': { request: object; response: { items: { item: string; title: string }[] } };
  /** Extension pages only: everything the server holds about the learner, as JSON text. */
  'me.export': { request: Record<string, never>; response: Result<{ json: string }> };
  /** Extension pages only: deletes the account (the tenant's policy decides what happens to content). */
  'me.deleteAccount': { request: { confirm: true }; response: Result<{ policy: 'remove' | 'anonymize' }> };
  /** Moderators: reported content across the company, most recently reported first. */
  'moderation.queue': { request: { cursor?: string }; response: Result<{ page: QueuePage }> };
  /** The learner's role, so moderators get their tools in place; nothing secret. */
  'session.role': { request: Record<string, never>; response: { role: Profile['role'] | null } };
  'drafts.get': { request: { key: string }; response: { text: string; title?: string } | null };
  /** Empty text deletes the draft. */
  'drafts.set': { request: { key: string; text: string; title?: string }; response: { ok: true } };
  /** The content script tells which item its tab shows, for the side panel. */
  'page.item': { request: { key: string; title: string; completed: boolean }; response: { ok: true } };
  /** Injects the reviews-and-discussion panel script into the sender's frame, on first use. */
  'panel.load': { request: Record<string, never>; response: { ok: boolean } };
  /** Opens the side panel on the sender's tab (from a click in the widget). */
  'panel.open': { request: Record<string, never>; response: { ok: boolean } };
  /** Extension pages only. */
  'panel.current': { request: { tabId: number }; response: { item: { key: string; title: string } | null; completed: boolean } };
  'session.get': { request: Record<string, never>; response: SessionState };
  'session.signIn': {
    request: { serverUrl: string; displayName: string; team: string };
    response: Result<{ state: SessionState }>;
  };
  'session.signOut': { request: Record<string, never>; response: SessionState };
  /** Single sign-on through the company's identity provider (a click in the options page). */
  'session.signInSso': { request: Record<string, never>; response: Result<{ state: SessionState }> };
}

/** What a learner can mark helpful. */
export type VotableKind = 'review' | 'comment' | 'contribution';

export type FeedScope = 'company' | 'team' | 'mine';

export type NewLinkOrTip =
  | { kind: 'link'; item: string; title: string; url: string; why?: string; itemTitle?: string }
  | { kind: 'tip'; item: string; text: string; itemTitle?: string };

export interface PostDraft {
  /** Absent: a new post. */
  id?: string;
  title: string;
  body: string;
  items: string[];
  status: PostStatus;
}

export interface SessionState {
  serverUrl: string;
  profile: Profile | null;
  /** What the admin set by policy: shown locked in the options page. */
  policy: { serverUrl?: string; lmsHosts?: string[]; adapterError?: string };
  /** Policy hosts the learner has not yet allowed Ripple on (a browser permission each). */
  hostsToAllow: string[];
  /** The learner paused recording what they open and complete. */
  signalsPaused: boolean;
  /** The company (tenant) on the server, from policy or the demo. */
  tenant: string;
  /** The company signs learners in with its identity provider (no demo sign-in). */
  sso: boolean;
}

/**
 * What the admin's policy changes in LMS pages, mirrored by the background into
 * `storage.local` (nothing secret: content scripts may read it) so a page reads it at once.
 */
export interface PageConfig {
  adapters: AdapterConfigInput[];
  disabledFeatures: string[];
  /** Adapters the server's kill switch turned off for this version. */
  disabledAdapters?: string[];
  /** Why the admin's adapter config was not used, for the options page. */
  adapterError?: string;
}

export const PAGE_CONFIG_KEY = 'pageConfig';

/** The background tells every tab when summaries changed, so open pages stay consistent. */
export interface SummariesChangedMessage {
  ripple: 1;
  type: 'summaries.changed';
  summaries: ItemSummary[];
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<T extends MessageType> = ProtocolMap[T]['request'];
export type ResponseOf<T extends MessageType> = ProtocolMap[T]['response'];

export interface Envelope<T extends MessageType = MessageType> {
  ripple: 1;
  type: T;
  data: RequestOf<T>;
}

export async function sendToBackground<T extends MessageType>(type: T, data: RequestOf<T>): Promise<ResponseOf<T>> {
  const envelope: Envelope<T> = { ripple: 1, type, data };
  return (await browser.runtime.sendMessage(envelope)) as ResponseOf<T>;
}
