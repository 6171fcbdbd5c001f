import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SignInForm } from '../../components/SignInForm';
import { sendToBackground, type FailureReason, type SessionState } from '../background/protocol';
import { t } from './i18n';
import { failureText } from '../../components/failure-text';

function reasonText(reason: FailureReason, message?: string): string {
  return failureText(t, { reason, ...(message ? { message } : {}) });
}

function OptionsPage() {
  const [state, setState] = useState<SessionState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    void sendToBackground('session.get', {}).then(setState);
  }, []);

  if (!state) return null;
  return (
    <>
      <h1>{t('optionsTitle')}</h1>
      <SignInForm
        key={state.profile?.displayName ?? ''}
        serverUrl={state.serverUrl}
        profile={state.profile}
        busy={busy}
        error={error}
        t={t}
        onSignIn={async (values) => {
          setBusy(true);
          setError(undefined);
          const answer = await sendToBackground('session.signIn', values);
          setBusy(false);
          if (answer.ok) setState(answer.state);
          else setError(reasonText(answer.reason, answer.message));
        }}
        onSignOut={async () => {
          setBusy(true);
          setState(await sendToBackground('session.signOut', {}));
          setBusy(false);
        }}
      />
    </>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<OptionsPage />, document.getElementById('app')!);
