import { createCallerFactory, router } from '../trpc';
import { authRouter } from './auth';
import { metaRouter } from './meta';
import { moderationRouter } from './moderation';
import { commentsRouter } from './comments';
import { contributionsRouter, followsRouter, notificationsRouter, postsRouter, meRouter } from './contributions';
import { itemsRouter } from './items';
import { liveRouter } from './live';
import { ratingsRouter } from './ratings';
import { reviewsRouter } from './reviews';
import { popularityRouter, signalsRouter } from './popularity';

// Procedure names are a contract with the extension: rename only together with it.
export const appRouter = router({
  meta: metaRouter,
  auth: authRouter,
  ratings: ratingsRouter,
  items: itemsRouter,
  reviews: reviewsRouter,
  comments: commentsRouter,
  moderation: moderationRouter,
  signals: signalsRouter,
  popularity: popularityRouter,
  contributions: contributionsRouter,
  follows: followsRouter,
  notifications: notificationsRouter,
  posts: postsRouter,
  me: meRouter,
  live: liveRouter,
});

export const createCaller = createCallerFactory(appRouter);
export type AppRouter = typeof appRouter;
