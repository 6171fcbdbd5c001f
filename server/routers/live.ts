import { tracked } from '@trpc/server';
import { z } from 'zod';
import { LiveItemsInput, type LiveItemEvent } from '../contract';
import { liveBusFor, userChannel } from '../live';
import { authedProcedure, router } from '../trpc';

export const liveRouter = router({
  /**
   * A one-minute ticket for opening `live.items`: EventSource cannot send headers, so a credential
   * must ride in the stream's URL, and this one opens that stream only.
   */
  ticket: authedProcedure
    .output(z.object({ ticket: z.string(), expiresAt: z.number() }))
    // authedProcedure has checked the session (and that it is still active).
    .mutation(({ ctx }) => ctx.auth.issueStreamTicket(ctx.session!)),

  /**
   * Server-sent events about the caller's tenant's `items`: one `{ item, kind }` per change, and
   * `{ kind: 'notification' }` whenever the caller (only the caller) is notified. Each is tracked
   * with its event id, so a reconnect (with `lastEventId`) catches up on what it missed.
   */
  items: authedProcedure.input(LiveItemsInput).subscription(async function* ({ ctx, input, signal }) {
    const ownChannel = userChannel(ctx.user.userId);
    const events = liveBusFor(ctx.db).subscribe(ctx.user.tenantId, [...input.items, ownChannel], input.lastEventId, signal);
    for await (const event of events) {
      let data: LiveItemEvent;
      if (event.item === ownChannel) {
        if (event.kind !== 'notification') continue;
        data = { kind: 'notification' };
      } else {
        // Notifications travel on learners' channels only; never pass one on as an item's.
        if (event.kind === 'notification') continue;
        data = { item: event.item, kind: event.kind };
      }
      yield tracked(event.id, data);
    }
  }),
});
