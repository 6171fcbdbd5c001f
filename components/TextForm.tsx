import type { ComponentChildren } from 'preact';
import type { Translate } from './i18n';
import { ErrorAlert } from './ErrorAlert';

export interface TextFormProps {
  /** Labels the text area ("Your review", "Reply to Ann"). */
  label: string;
  text: string;
  maxLength: number;
  busy: boolean;
  error?: string;
  submitLabel: string;
  onText: (text: string) => void;
  onSubmit: () => void;
  onCancel?: () => void;
  /** Fields above the text (stars, a title). */
  children?: ComponentChildren;
  t: Translate;
}

/** A text box with a character count, submit and cancel: the shape of every write in Ripple. */
export function TextForm({ label, text, maxLength, busy, error, submitLabel, onText, onSubmit, onCancel, children, t }: TextFormProps) {
  return (
    <form
      class="text-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onSubmit();
      }}
    >
      {children}
      <label>
        <span class="visually-hidden">{label}</span>
        <textarea
          rows={3}
          maxLength={maxLength}
          placeholder={label}
          value={text}
          onInput={(event) => onText(event.currentTarget.value)}
        />
      </label>
      <div class="form-row">
        <span class="muted" aria-live="polite">
          {text.length > maxLength * 0.9 ? t('charsLeft', String(maxLength - text.length)) : t('markdownHint')}
        </span>
        {onCancel && (
          <button type="button" class="link" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
        <button type="submit" disabled={busy || !text.trim()}>
          {submitLabel}
        </button>
      </div>
      <ErrorAlert message={error} />
    </form>
  );
}
