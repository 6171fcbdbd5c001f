import { z } from 'zod';

export const DisplayName = z.string().trim().min(1).max(80);
export const TeamName = z.string().trim().min(1).max(80);

/**
 * Dev sign-in for the embedded demo: the extension generates a random subject once per browser
 * profile, and the learner picks a name and team. Real single sign-on replaces this behind the
 * same seam (server/auth).
 */
export const DevSignInInput = z.object({
  subject: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/),
  displayName: DisplayName,
  team: TeamName,
});
export type DevSignInInput = z.infer<typeof DevSignInInput>;

export const Profile = z.object({
  displayName: DisplayName,
  team: TeamName,
  tenant: z.string(),
  role: z.enum(['learner', 'moderator', 'admin']),
});
export type Profile = z.infer<typeof Profile>;

export const SignInResult = z.object({
  token: z.string(),
  /** Epoch milliseconds. */
  expiresAt: z.number().int(),
  profile: Profile,
});
export type SignInResult = z.infer<typeof SignInResult>;

export const ServerInfo = z.object({
  name: z.literal('ripple'),
  version: z.string(),
  devSignIn: z.boolean(),
});
export type ServerInfo = z.infer<typeof ServerInfo>;
