import { z } from 'zod';
import {
  Contribution,
  ContributionPage,
  ContributionVoteInput,
  CreateContributionInput,
  DeleteContributionInput,
  DeletedResult,
  FollowState,
  ListContributionsInput,
  ListMyContributionsInput,
  ListNotificationsInput,
  MarkReadInput,
  NotificationPage,
  SetFollowInput,
  CreatePostInput,
  UpdatePostInput,
  Post,
  PostPage,
  ListPostsForItemInput,
  FeedInput,
} from '../contract/contributions';
import { ContentId } from '../contract/content';
import { deleteAccount, exportMyData } from '../services/account';
import { createPost, deletePost, feed, getPost, listPostsForItem, updatePost } from '../services/posts';
import { HelpfulVoteResult } from '../contract';
import { ItemKeySchema as ItemKey } from '../contract/item-key-schema';
import { createContribution, deleteContribution, listContributions, listMyContributions, voteContribution } from '../services/contributions';
import { isFollowing, listNotifications, markRead, setFollow, unreadCount } from '../services/notifications';
import { removeBlob, uploadConfigOf } from '../services/uploads';
import { authedProcedure, router } from '../trpc';

export const contributionsRouter = router({
  /** An item's links, files and tips, most helpful first. */
  list: authedProcedure
    .input(ListContributionsInput)
    .output(ContributionPage)
    .query(({ ctx, input }) => listContributions(ctx.db, ctx.user, input)),

  /** The caller's own contributions on every item, newest first, with their state. */
  mine: authedProcedure
    .input(ListMyContributionsInput)
    .output(ContributionPage)
    .query(({ ctx, input }) => listMyContributions(ctx.db, ctx.user, input)),

  /** A link or a tip; files are uploaded with `POST /uploads`. */
  create: authedProcedure
    .input(CreateContributionInput)
    .output(Contribution)
    .mutation(({ ctx, input }) => createContribution(ctx.db, ctx.user, ctx.rateLimits, input)),

  vote: authedProcedure
    .input(ContributionVoteInput)
    .output(HelpfulVoteResult)
    .mutation(({ ctx, input }) => voteContribution(ctx.db, ctx.user, ctx.rateLimits, input)),

  /** The author's own (or a moderator's); the stored file goes when no contribution uses it. */
  delete: authedProcedure
    .input(DeleteContributionInput)
    .output(DeletedResult)
    .mutation(async ({ ctx, input }) => {
      const { result, orphanHash } = await deleteContribution(ctx.db, ctx.user, ctx.rateLimits, input);
      const config = uploadConfigOf(ctx.db);
      if (orphanHash && config) await removeBlob(config.dir, orphanHash);
      return result;
    }),
});

export const followsRouter = router({
  /** Follow or unfollow an item (an explicit unfollow also stops the automatic follow). */
  set: authedProcedure
    .input(SetFollowInput)
    .output(FollowState)
    .mutation(({ ctx, input }) => setFollow(ctx.db, ctx.user, input.item, input.following)),

  get: authedProcedure
    .input(z.object({ item: ItemKey }))
    .output(FollowState)
    .query(async ({ ctx, input }) => ({ item: input.item, following: await isFollowing(ctx.db, ctx.user.tenantId, ctx.user.userId, input.item) })),
});

export const notificationsRouter = router({
  list: authedProcedure
    .input(ListNotificationsInput)
    .output(NotificationPage)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user, input)),

  unreadCount: authedProcedure.output(z.object({ unread: z.number().int().min(0) })).query(({ ctx }) => unreadCount(ctx.db, ctx.user)),

  markRead: authedProcedure
    .input(MarkReadInput)
    .output(z.object({ unread: z.number().int().min(0) }))
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.user, input)),
});

export const postsRouter = router({
  create: authedProcedure
    .input(CreatePostInput)
    .output(Post)
    .mutation(({ ctx, input }) => createPost(ctx.db, ctx.user, ctx.rateLimits, input)),
  /** Fields given are changed; publishing a draft sets `publishedAt` once. */
  update: authedProcedure
    .input(UpdatePostInput)
    .output(Post)
    .mutation(({ ctx, input }) => updatePost(ctx.db, ctx.user, ctx.rateLimits, input)),
  delete: authedProcedure
    .input(DeleteContributionInput)
    .output(DeletedResult)
    .mutation(({ ctx, input }) => deletePost(ctx.db, ctx.user, ctx.rateLimits, input)),
  get: authedProcedure
    .input(z.object({ id: ContentId }))
    .output(Post)
    .query(({ ctx, input }) => getPost(ctx.db, ctx.user, input.id)),
  listForItem: authedProcedure
    .input(ListPostsForItemInput)
    .output(PostPage)
    .query(({ ctx, input }) => listPostsForItem(ctx.db, ctx.user, input)),
  feed: authedProcedure
    .input(FeedInput)
    .output(PostPage)
    .query(({ ctx, input }) => feed(ctx.db, ctx.user, input)),
});

export const meRouter = router({
  /** Everything Ripple holds about the caller, as JSON (see services/account.ts). */
  export: authedProcedure.query(({ ctx }) => exportMyData(ctx.db, ctx.user)),
  /** Deletes the caller's account under the tenant's policy ('anonymize' by default, or 'remove'). */
  deleteAccount: authedProcedure
    .input(z.object({ confirm: z.literal(true) }))
    .output(z.object({ deleted: z.literal(true), policy: z.enum(['remove', 'anonymize']) }))
    .mutation(async ({ ctx, input: _input }) => {
      const { policy, orphanHashes } = await deleteAccount(ctx.db, ctx.user);
      const config = uploadConfigOf(ctx.db);
      if (config) for (const hash of orphanHashes) await removeBlob(config.dir, hash);
      return { deleted: true as const, policy };
    }),
});
