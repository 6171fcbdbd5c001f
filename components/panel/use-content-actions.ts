import { useState } from 'preact/hooks';
import type { ContentKind, ContentState } from '../../server/contract/content';
import type { ReportReason } from '../../server/contract/moderation';
import { failureText, usePanelApi } from './panel-api';

/** A change to one review or comment in the list; null removes it. */
export type ContentChange = { helpfulCount?: number; votedByMe?: boolean; state?: ContentState; deleted?: boolean; body?: null } | null;

/**
 * Helpful, report and moderation for one kind of content, applied to the list the caller keeps
 * once the server has accepted them.
 */
export function useContentActions(kind: ContentKind, apply: (id: string, change: ContentChange) => void) {
  const { ask, t } = usePanelApi();
  const [reported, setReported] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string>();
  const done = (answer: { ok: boolean } & object, onOk: () => void) => {
    if (answer.ok) {
      setError(undefined);
      onOk();
    } else setError(failureText(t, answer as never));
  };
  return {
    reported,
    error,
    for(id: string) {
      return {
        onHelpful: async (helpful: boolean) => {
          if (kind === 'post') return;
          const answer = await ask('content.vote', { kind, id, helpful });
          done(answer, () => answer.ok && apply(id, { helpfulCount: answer.vote.helpfulCount, votedByMe: answer.vote.votedByMe }));
        },
        onReport: async (reason: ReportReason) => {
          const answer = await ask('content.report', { kind, id, reason });
          done(answer, () => setReported((set) => new Set([...set, id])));
        },
        onModerate: async (action: 'hide' | 'restore' | 'delete') => {
          const answer = await ask('content.moderate', { kind, id, action });
          done(answer, () => {
            if (!answer.ok) return;
            // A deleted comment keeps its place in the thread; anything else leaves the list.
            if (answer.result.deleted) apply(id, kind === 'comment' ? { deleted: true, body: null } : null);
            else apply(id, { state: answer.result.state });
          });
        },
      };
    },
  };
}
