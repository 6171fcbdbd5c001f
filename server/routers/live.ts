import { tracked } from '@trpc/server';
import { LiveItemsInput, type LiveItemEvent } from '../contract';
import { liveBusFor } from '../live';
import { authedProcedure, router } from '../trpc';

export const liveRouter = router({
  /**
   * Server-sent events about the caller's tenant's `items`: one `{ item, kind }` per change, each
   * tracked with its event id, so a reconnect (with `lastEventId`) catches up on what it missed.
   */
  items: authedProcedure.input(LiveItemsInput).subscription(async function* ({ ctx, input, signal }) {
    const events = liveBusFor(ctx.db).subscribe(ctx.user.tenantId, input.items, input.lastEventId, signal);
    for await (const event of events) {
      const data: LiveItemEvent = { item: event.item, kind: event.kind };
      yield tracked(event.id, data);
    }
  }),
});
