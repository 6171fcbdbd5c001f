import { useState } from 'preact/hooks';
import type { Contribution } from '../../server/contract/contributions';
import { failureText, usePanelApi } from './panel-api';
import { saveFile } from './save-file';

/**
 * Downloads of contributed files through the background (which holds the token), with a note per
 * file while it downloads or why it could not.
 */
export function useDownloads() {
  const { ask, t } = usePanelApi();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const download = async (contribution: Contribution) => {
    setNotes((current) => ({ ...current, [contribution.id]: t('downloading') }));
    const answer = await ask('contributions.download', { id: contribution.id });
    if (answer.ok) saveFile(answer.base64, answer.mime, contribution.title ?? 'file');
    setNotes((current) => ({ ...current, [contribution.id]: answer.ok ? '' : failureText(t, answer) }));
  };
  return { noteOf: (id: string) => notes[id] || undefined, download };
}
