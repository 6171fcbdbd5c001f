import { createCallerFactory, router } from '../trpc';
import { authRouter } from './auth';
import { metaRouter } from './meta';
import { ratingsRouter } from './ratings';

// Procedure names are a contract with the extension: rename only together with it.
export const appRouter = router({
  meta: metaRouter,
  auth: authRouter,
  ratings: ratingsRouter,
});

export const createCaller = createCallerFactory(appRouter);
export type AppRouter = typeof appRouter;
