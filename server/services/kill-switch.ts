import { KillSwitchRules, type KillSwitch } from '../contract/kill-switch';

/**
 * The kill switch: when an LMS changes its markup under an adapter, or a feature misbehaves, the
 * operator turns it off for the affected extension versions (env `RIPPLE_KILL_SWITCH`, a JSON
 * array of `{adapters, features, versions?}`); extensions ask every few minutes and obey.
 * A malformed value switches nothing off and is reported at start (see `checkKillSwitch`).
 */
export function killSwitchFor(version: string, raw: string | undefined): KillSwitch {
  const rules = parseRules(raw);
  const matching = rules.filter((rule) => !rule.versions || rule.versions.includes(version));
  return {
    disabledAdapters: [...new Set(matching.flatMap((rule) => rule.adapters))],
    disabledFeatures: [...new Set(matching.flatMap((rule) => rule.features))],
  };
}

/** The problem with `RIPPLE_KILL_SWITCH`, or null when it is absent or well formed. */
export function checkKillSwitch(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const parsed = KillSwitchRules.safeParse(JSON.parse(raw));
    return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
}

function parseRules(raw: string | undefined) {
  if (!raw) return [];
  try {
    const parsed = KillSwitchRules.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
