import { useEffect, useRef, useState } from 'preact/hooks';
import { usePanelApi } from './panel-api';

const SAVE_AFTER_MS = 400;

/**
 * Text the learner is writing, kept by the background as they type, so a reload, a crash or a
 * closed tab loses nothing. `clear` forgets it once it has been sent.
 */
export function useDraft(key: string): { text: string; setText: (text: string) => void; clear: () => void } {
  const { ask } = usePanelApi();
  const [text, setTextState] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const touched = useRef(false);

  useEffect(() => {
    touched.current = false;
    let live = true;
    void ask('drafts.get', { key }).then((draft) => {
      // Typing before the draft arrived wins over the stored draft.
      if (live && !touched.current && draft && 'text' in draft) setTextState(draft.text);
    });
    return () => {
      live = false;
    };
  }, [key]);

  const save = (value: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void ask('drafts.set', { key, text: value }), SAVE_AFTER_MS);
  };
  return {
    text,
    setText(value) {
      touched.current = true;
      setTextState(value);
      save(value);
    },
    clear() {
      clearTimeout(timer.current);
      setTextState('');
      void ask('drafts.set', { key, text: '' });
    },
  };
}
