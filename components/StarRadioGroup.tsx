import type { Translate } from './i18n';

interface StarRadioGroupProps {
  /** Distinguishes this group's radios from another widget's on the same page. */
  name: string;
  value: number | null;
  disabled?: boolean;
  onChange: (stars: number) => void;
  t: Translate;
}

const STAR_VALUES = [1, 2, 3, 4, 5] as const;

/**
 * The learner's own rating as a native radio group: arrow keys, Tab and screen readers behave as
 * they do for any radio group, and each option announces "3 stars" rather than a glyph.
 */
export function StarRadioGroup({ name, value, disabled, onChange, t }: StarRadioGroupProps) {
  return (
    <fieldset class="stars" disabled={disabled}>
      <legend class="visually-hidden">{t('yourRating')}</legend>
      {STAR_VALUES.map((stars) => (
        <label key={stars} class={value !== null && stars <= value ? 'star on' : 'star'} title={t(stars === 1 ? 'starOne' : 'starMany', String(stars))}>
          <input
            type="radio"
            class="visually-hidden"
            name={name}
            value={stars}
            checked={value === stars}
            onChange={() => onChange(stars)}
          />
          <span aria-hidden="true">★</span>
          <span class="visually-hidden">{t(stars === 1 ? 'starOne' : 'starMany', String(stars))}</span>
        </label>
      ))}
    </fieldset>
  );
}
