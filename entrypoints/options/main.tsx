import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SignInForm } from '../../components/SignInForm';
import { sendToBackground, type FailureReason, type SessionState } from '../background/protocol';
import { t } from './i18n';
import { failureText } from '../../components/failure-text';
import { MyData } from './MyData';

function reasonText(reason: FailureReason, message?: string): string {
  return failureText(t, { reason, ...(message ? { message } : {}) });
}

function OptionsPage() {
  const [state, setState] = useState<SessionState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [accountNotice, setAccountNotice] = useState<string>();

  useEffect(() => {
    void sendToBackground('session.get', {}).then(setState);
  }, []);

  if (!state) return null;
  return (
    <>
      <h1>{t('optionsTitle')}</h1>
      {state.sso ? (
        <section class="sso">
          <p role="status" class="state">
            {state.profile ? t('optionsSignedInAs', [state.profile.displayName, state.profile.team]) : t('optionsSignedOut')}
          </p>
          {error && (
            <p role="alert" class="error">
              {t('optionsFailed', error)}
            </p>
          )}
          <div class="actions">
            <button
              type="button"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(undefined);
                const answer = await sendToBackground('session.signInSso', {});
                setBusy(false);
                if (answer.ok) setState(answer.state);
                else setError(reasonText(answer.reason, answer.message));
              }}
            >
              {t('optionsSignInSso')}
            </button>
            {state.profile && (
              <button type="button" disabled={busy} onClick={async () => setState(await sendToBackground('session.signOut', {}))}>
                {t('optionsSignOut')}
              </button>
            )}
          </div>
        </section>
      ) : (
      <SignInForm
        key={state.profile?.displayName ?? ''}
        serverUrl={state.serverUrl}
        serverLocked={!!state.policy.serverUrl}
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
      )}
      <AdminHosts state={state} onChange={() => void sendToBackground('session.get', {}).then(setState)} />
      <label class="checkbox">
        <input
          type="checkbox"
          checked={state.signalsPaused}
          onChange={async (event) => {
            await sendToBackground('signals.setPaused', { paused: event.currentTarget.checked });
            setState(await sendToBackground('session.get', {}));
          }}
        />{' '}
        {t('pauseSignals')}
      </label>
      {state.profile && (
        <MyData
          onDeleted={(message) => {
            setAccountNotice(message);
            void sendToBackground('session.get', {}).then(setState);
          }}
        />
      )}
      {accountNotice && (
        <p role="status" class="note">
          {accountNotice}
        </p>
      )}
    </>
  );
}

/** Hosts the admin enabled Ripple on: each needs the learner's one-time browser permission. */
function AdminHosts({ state, onChange }: { state: SessionState; onChange: () => void }) {
  const { lmsHosts, adapterError } = state.policy;
  if (!lmsHosts?.length && !adapterError) return null;
  return (
    <section aria-labelledby="admin-heading">
      <h2 id="admin-heading">{t('optionsAdminTitle')}</h2>
      {state.hostsToAllow.length > 0 ? (
        <p>
          {t('optionsHostsToAllow', state.hostsToAllow.join(', '))}{' '}
          <button
            type="button"
            onClick={async () => {
              // A click in the extension's own page: the browser asks the learner once.
              await browser.permissions.request({ origins: state.hostsToAllow }).catch(() => false);
              onChange();
            }}
          >
            {t('optionsAllow')}
          </button>
        </p>
      ) : (
        lmsHosts?.length && <p>{t('optionsHostsAllowed', lmsHosts.join(', '))}</p>
      )}
      {adapterError && (
        <p role="alert" class="error">
          {t('optionsAdapterError', adapterError)}
        </p>
      )}
    </section>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<OptionsPage />, document.getElementById('app')!);
