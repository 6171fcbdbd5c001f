import { useState } from 'preact/hooks';
import { sendToBackground } from '../background/protocol';
import { failureText } from '../../components/failure-text';
import { t } from './i18n';

/**
 * The learner's own data: download everything Ripple holds about them as JSON, or delete the
 * account. What happens to what they wrote is the company's choice (kept as "Former colleague"
 * or removed); the confirmation says which once the server has answered.
 */
export function MyData({ onDeleted }: { onDeleted: (message: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  const exportData = async () => {
    setBusy(true);
    setError(undefined);
    const answer = await sendToBackground('me.export', {});
    setBusy(false);
    if (!answer.ok) return setError(failureText(t, answer));
    const url = URL.createObjectURL(new Blob([answer.json], { type: 'application/json' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `ripple-my-data-${new Date().toISOString().slice(0, 10)}.json`;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage(t('exportReady'));
  };

  const deleteAccount = async () => {
    setBusy(true);
    setError(undefined);
    const answer = await sendToBackground('me.deleteAccount', { confirm: true });
    setBusy(false);
    setConfirming(false);
    if (!answer.ok) return setError(failureText(t, answer));
    // This section goes with the account: the page keeps the confirmation.
    onDeleted(t(answer.policy === 'remove' ? 'accountDeletedRemoved' : 'accountDeletedAnonymized'));
  };

  return (
    <section aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">{t('myDataTitle')}</h2>
      <p class="note">{t('myDataNote')}</p>
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void exportData()}>
          {t('exportMyData')}
        </button>
        {!confirming && (
          <button type="button" class="danger" disabled={busy} onClick={() => setConfirming(true)}>
            {t('deleteAccount')}
          </button>
        )}
      </div>
      {confirming && (
        <div role="alertdialog" aria-labelledby="delete-confirm" class="confirm">
          <p id="delete-confirm">{t('deleteAccountConfirm')}</p>
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={() => void deleteAccount()}>
              {t('deleteAccountYes')}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)} autoFocus>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p role="status" class="note">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
