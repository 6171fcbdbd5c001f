import { useState } from 'preact/hooks';
import type { Translate } from './i18n';
import type { Profile } from '../server/contract/auth';

export interface SignInFormProps {
  serverUrl: string;
  /** Set by the admin's policy: shown, not editable. */
  serverLocked?: boolean;
  profile: Profile | null;
  busy: boolean;
  error?: string;
  onSignIn: (values: { serverUrl: string; displayName: string; team: string }) => void;
  onSignOut: () => void;
  t: Translate;
}

/** Server address and the demo sign-in (name and team); shows who is signed in. */
export function SignInForm({ serverUrl, serverLocked, profile, busy, error, onSignIn, onSignOut, t }: SignInFormProps) {
  const [server, setServer] = useState(serverUrl);
  const [displayName, setDisplayName] = useState(profile?.displayName ?? '');
  const [team, setTeam] = useState(profile?.team ?? '');
  return (
    <form
      class="sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        onSignIn({ serverUrl: server, displayName, team });
      }}
    >
      <p role="status" class="state">
        {profile ? t('optionsSignedInAs', [profile.displayName, profile.team]) : t('optionsSignedOut')}
      </p>
      <label>
        {t('optionsServer')}
        <input
          name="serverUrl"
          type="url"
          required
          readOnly={serverLocked}
          aria-describedby={serverLocked ? 'server-locked' : undefined}
          value={server}
          onInput={(e) => setServer(e.currentTarget.value)}
        />
        {serverLocked && (
          <span id="server-locked" class="locked">
            {t('optionsLocked')}
          </span>
        )}
      </label>
      <label>
        {t('optionsName')}
        <input name="displayName" required maxLength={80} autocomplete="name" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      </label>
      <label>
        {t('optionsTeam')}
        <input name="team" required maxLength={80} autocomplete="organization-title" value={team} onInput={(e) => setTeam(e.currentTarget.value)} />
      </label>
      <p class="note">{t('optionsDevNote')}</p>
      {error && (
        <p role="alert" class="error">
          {t('optionsFailed', error)}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('optionsSignIn')}
        </button>
        {profile && (
          <button type="button" disabled={busy} onClick={onSignOut}>
            {t('optionsSignOut')}
          </button>
        )}
      </div>
    </form>
  );
}
