import { AuditPage, ModerateInput, ModerateResult, PageInput, QueuePage, ReportInput, ReportResult } from '../contract';
import { moderateContent, moderationAuditLog, moderationQueue, reportContent } from '../services/moderation';
import { authedProcedure, moderatorProcedure, router } from '../trpc';

export const moderationRouter = router({
  /** Any learner: report a review, comment, contribution or post once (not one's own). */
  report: authedProcedure
    .input(ReportInput)
    .output(ReportResult)
    .mutation(({ ctx, input }) => reportContent(ctx.db, ctx.user, ctx.rateLimits, input)),

  // Moderators and admins only (FORBIDDEN otherwise).
  hide: moderatorProcedure
    .input(ModerateInput)
    .output(ModerateResult)
    .mutation(({ ctx, input }) => moderateContent(ctx.db, ctx.user, 'hide', input)),
  restore: moderatorProcedure
    .input(ModerateInput)
    .output(ModerateResult)
    .mutation(({ ctx, input }) => moderateContent(ctx.db, ctx.user, 'restore', input)),
  delete: moderatorProcedure
    .input(ModerateInput)
    .output(ModerateResult)
    .mutation(({ ctx, input }) => moderateContent(ctx.db, ctx.user, 'delete', input)),
  queue: moderatorProcedure
    .input(PageInput)
    .output(QueuePage)
    .query(({ ctx, input }) => moderationQueue(ctx.db, ctx.user, input)),
  auditLog: moderatorProcedure
    .input(PageInput)
    .output(AuditPage)
    .query(({ ctx, input }) => moderationAuditLog(ctx.db, ctx.user, input)),
});
