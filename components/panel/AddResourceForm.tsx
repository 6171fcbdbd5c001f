import { useRef, useState } from 'preact/hooks';
import type { Contribution } from '../../server/contract/contributions';
import { CONTRIBUTION_TEXT_MAX_LENGTH, CONTRIBUTION_TITLE_MAX_LENGTH, CONTRIBUTION_URL_MAX_LENGTH } from '../../server/contract/limits';
import { failureText, usePanelApi, type PanelItem } from './panel-api';
import { useDraft } from './use-draft';
import { readFileAsBase64 } from './save-file';
import { ErrorAlert } from '../ErrorAlert';

type Kind = 'link' | 'file' | 'tip';
const KINDS: readonly Kind[] = ['link', 'file', 'tip'];
/** What the server accepts (it decides from the bytes; this only guides the file picker). */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.docx,.xlsx,.pptx';
/** Larger files cannot cross an extension message (the server's own limit is usually lower). */
const MAX_PICKED_BYTES = 36 * 1024 * 1024;

/** Adds a link (with why it helps), a file or a short tip to the item. */
export function AddResourceForm({ item, onAdded, onClose }: { item: PanelItem; onAdded: (contribution: Contribution) => void; onClose: () => void }) {
  const { ask, t } = usePanelApi();
  const [kind, setKind] = useState<Kind>('link');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const why = useDraft(`${item.key}|resource-why`);
  const tip = useDraft(`${item.key}|tip`);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const ready = kind === 'link' ? title.trim() !== '' && url.trim() !== '' : kind === 'file' ? file !== null : tip.text.trim() !== '';

  const submit = async () => {
    setBusy(true);
    setDone(undefined);
    const answer = await send();
    setBusy(false);
    // Queued (a link or a tip while the server is away): safe in the outbox, so the form empties
    // and says it will be sent; it appears in the list once the server has it.
    const queued = !answer.ok && answer.reason === 'queued';
    if (!answer.ok && !queued) return setError(failureText(t, answer));
    setError(undefined);
    setDone(answer.ok ? t('resourceAdded') : failureText(t, answer));
    if (kind === 'link') (setTitle(''), setUrl(''), why.clear());
    if (kind === 'tip') tip.clear();
    if (kind === 'file' && fileInput.current) (fileInput.current.value = '', setFile(null));
    if (answer.ok) onAdded(answer.contribution);
  };

  const send = async () => {
    const itemTitle = item.title || undefined;
    if (kind === 'link') return ask('contributions.create', { kind, item: item.key, title, url, ...(why.text.trim() ? { why: why.text } : {}), itemTitle });
    if (kind === 'tip') return ask('contributions.create', { kind, item: item.key, text: tip.text, itemTitle });
    if (!file) return { ok: false as const, reason: 'rejected' as const };
    if (file.size > MAX_PICKED_BYTES) return { ok: false as const, reason: 'rejected' as const, message: t('fileTooLarge') };
    // A file moved or deleted since it was picked cannot be read: say so rather than fail silently.
    const base64 = await readFileAsBase64(file).catch(() => null);
    if (base64 === null) return { ok: false as const, reason: 'rejected' as const, message: t('fileUnreadable') };
    return ask('contributions.upload', { item: item.key, name: file.name, base64 });
  };

  return (
    <form
      class="text-form resource-form"
      aria-label={t('addResource')}
      onSubmit={(event) => {
        event.preventDefault();
        if (ready && !busy) void submit();
      }}
    >
      <fieldset class="kinds">
        <legend>{t('addResource')}</legend>
        {KINDS.map((option) => (
          <label key={option}>
            <input type="radio" name={`ripple-resource-kind-${item.key}`} value={option} checked={kind === option} onChange={() => (setKind(option), setError(undefined))} />
            {t(option === 'link' ? 'resourceLink' : option === 'file' ? 'resourceFile' : 'resourceTip')}
          </label>
        ))}
      </fieldset>
      {kind === 'link' && (
        <>
          <label>
            {t('linkTitle')}
            <input type="text" data-ripple-field required maxLength={CONTRIBUTION_TITLE_MAX_LENGTH} value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
          </label>
          <label>
            {t('linkUrl')}
            <input type="url" data-ripple-field required maxLength={CONTRIBUTION_URL_MAX_LENGTH} placeholder="https://" value={url} onInput={(event) => setUrl(event.currentTarget.value)} />
          </label>
          <label>
            {t('linkWhy')}
            <textarea rows={2} maxLength={CONTRIBUTION_TEXT_MAX_LENGTH} value={why.text} onInput={(event) => why.setText(event.currentTarget.value)} />
          </label>
        </>
      )}
      {kind === 'file' && (
        <label>
          {t('fileToShare')}
          <input ref={fileInput} type="file" data-ripple-field accept={ACCEPT} onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)} />
          <span class="muted">{t('fileHint')}</span>
        </label>
      )}
      {kind === 'tip' && (
        <label>
          {t('tipText')}
          <textarea rows={3} maxLength={CONTRIBUTION_TEXT_MAX_LENGTH} value={tip.text} onInput={(event) => tip.setText(event.currentTarget.value)} />
        </label>
      )}
      <div class="form-row">
        <span class="muted" role="status">
          {busy ? t('saving') : done}
        </span>
        <button type="button" class="link" onClick={onClose}>
          {t('close')}
        </button>
        <button type="submit" disabled={busy || !ready}>
          {t('shareResource')}
        </button>
      </div>
      <ErrorAlert message={error} />
    </form>
  );
}
