import {
  Comment,
  CommentPage,
  CreateCommentInput,
  DeleteCommentInput,
  EditCommentInput,
  HelpfulVoteResult,
  ListCommentsInput,
  ListRepliesInput,
  ReplyPage,
  VoteInput,
} from '../contract';
import { createComment, deleteOwnComment, editComment, listComments, listReplies, voteComment } from '../services/comments';
import { authedProcedure, router } from '../trpc';

export const commentsRouter = router({
  /** One page of an item's threads, each with its first replies. */
  list: authedProcedure
    .input(ListCommentsInput)
    .output(CommentPage)
    .query(({ ctx, input }) => listComments(ctx.db, ctx.user, input)),

  /** More replies of one thread, oldest first. */
  replies: authedProcedure
    .input(ListRepliesInput)
    .output(ReplyPage)
    .query(({ ctx, input }) => listReplies(ctx.db, ctx.user, input)),

  create: authedProcedure
    .input(CreateCommentInput)
    .output(Comment)
    .mutation(({ ctx, input }) => createComment(ctx.db, ctx.user, ctx.rateLimits, input)),

  edit: authedProcedure
    .input(EditCommentInput)
    .output(Comment)
    .mutation(({ ctx, input }) => editComment(ctx.db, ctx.user, ctx.rateLimits, input)),

  /** Soft delete by the author; returns the placeholder. */
  delete: authedProcedure
    .input(DeleteCommentInput)
    .output(Comment)
    .mutation(({ ctx, input }) => deleteOwnComment(ctx.db, ctx.user, ctx.rateLimits, input)),

  vote: authedProcedure
    .input(VoteInput)
    .output(HelpfulVoteResult)
    .mutation(({ ctx, input }) => voteComment(ctx.db, ctx.user, ctx.rateLimits, input)),
});

