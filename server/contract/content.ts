import { z } from 'zod';

/**
 * Pieces shared by reviews, comments and moderation: learner-written text, authors, moderation
 * state, pagination. Learner text is stored as the learner wrote it (markdown source for
 * comments) and never turned into HTML by the server; the client renders it through a strict
 * sanitizer. The server only refuses what no text needs: NUL and other control characters.
 */

/** C0 controls except \t and \n (\r is normalised away first), DEL, and C1 controls. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** Single-line text (titles, notes) allows no control character at all. */
const LINE_CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Multi-line learner text: line endings normalised to \n, then at most `max` characters, not
 * blank, no control characters other than \n and \t. Otherwise kept exactly as written.
 */
export function learnerText(max: number) {
  return z
    .string()
    .transform((text) => text.replace(/\r\n?/g, '\n'))
    .pipe(
      z
        .string()
        .max(max, `At most ${max} characters`)
        .refine((text) => text.trim() !== '', 'Must not be blank')
        .refine((text) => !CONTROL_CHARACTERS.test(text), 'Must not contain control characters'),
    );
}

/** One line of learner text, trimmed: 1..max characters, no control characters. */
export function learnerLine(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'Must not be blank')
    .max(max, `At most ${max} characters`)
    .refine((text) => !LINE_CONTROL_CHARACTERS.test(text), 'Must not contain control characters');
}

/** Ids of reviews, comments, contributions and posts (server-generated UUIDs; never a user's id). */
export const ContentId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/);

/** What can be reported and moderated (reviews and comments can also be voted on with `*.vote`). */
export const ContentKind = z.enum(['review', 'comment', 'contribution', 'post']);
export type ContentKind = z.infer<typeof ContentKind>;

/**
 * `visible`: shown to everyone. `pending`: hidden automatically after the tenant's threshold of
 * distinct reports, awaiting a moderator. `hidden`: hidden by a moderator. Only the author (and
 * moderators) ever receive content that is not `visible`.
 */
export const ContentState = z.enum(['visible', 'pending', 'hidden']);
export type ContentState = z.infer<typeof ContentState>;

/** How an author appears: their display name, or the tenant's stable pseudonym for them. */
export const Author = z.object({
  name: z.string(),
  pseudonymous: z.boolean(),
});
export type Author = z.infer<typeof Author>;

/** Opaque pagination cursor: pass back `nextCursor` as it came; null/absent for the first page. */
export const Cursor = z.string().min(1).max(512);

export const PageLimit = z.number().int().min(1).max(50);
export const DEFAULT_PAGE_LIMIT = 20;

/** The answer of every helpful-vote write. */
export const HelpfulVoteResult = z.object({
  id: ContentId,
  helpfulCount: z.number().int().min(0),
  votedByMe: z.boolean(),
});
export type HelpfulVoteResult = z.infer<typeof HelpfulVoteResult>;
