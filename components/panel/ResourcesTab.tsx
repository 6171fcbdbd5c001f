import { useState } from 'preact/hooks';
import type { Contribution } from '../../server/contract/contributions';
import { ContributionCard } from '../ContributionCard';
import { AddResourceForm } from './AddResourceForm';
import { ShowMore } from './ShowMore';
import { usePanelApi, type PanelItem } from './panel-api';
import { useContentActions, type ContentChange } from './use-content-actions';
import { usePagedList } from './use-paged-list';
import { useDownloads } from './use-downloads';
import { ErrorAlert } from '../ErrorAlert';

export interface ResourcesTabProps {
  item: PanelItem;
  canModerate: boolean;
  onCountChange: (delta: number) => void;
}

/** Links, files and tips colleagues added to the item, most helpful first, and a form to add one. */
export function ResourcesTab({ item, canModerate, onCountChange }: ResourcesTabProps) {
  const { ask, t } = usePanelApi();
  const { items: list, setItems: setList, error: loadError, more } = usePagedList<Contribution>(async (cursor) => {
    const answer = await ask('contributions.list', { item: item.key, ...(cursor ? { cursor } : {}) });
    return answer.ok ? { ok: true, items: answer.page.contributions, nextCursor: answer.page.nextCursor } : answer;
  }, [item.key]);
  const downloads = useDownloads();
  // What colleagues shared comes first; the form opens on demand.
  const [adding, setAdding] = useState(false);

  const update = (id: string, change: ContentChange) =>
    setList((current) => current && (change === null ? current.filter((c) => c.id !== id) : current.map((c) => (c.id === id ? ({ ...c, ...change } as Contribution) : c))));
  const actions = useContentActions('contribution', update);

  return (
    <div class="tab-body">
      {adding ? (
        <AddResourceForm
          item={item}
          onAdded={(contribution) => {
            onCountChange(1);
            setList((current) => [contribution, ...(current ?? [])]);
          }}
          onClose={() => setAdding(false)}
        />
      ) : (
        <button type="button" aria-expanded="false" onClick={() => setAdding(true)}>
          {t('addResource')}
        </button>
      )}
      <ErrorAlert message={loadError} />
      {list?.length === 0 && <p class="muted">{t('noResources')}</p>}
      {list?.map((contribution) => (
        <ContributionCard
          key={contribution.id}
          contribution={contribution}
          canModerate={canModerate}
          reported={actions.reported.has(contribution.id)}
          downloadNote={downloads.noteOf(contribution.id)}
          onDownload={() => void downloads.download(contribution)}
          onDelete={async () => {
            const answer = await ask('contributions.delete', { id: contribution.id });
            if (answer.ok) (update(contribution.id, null), onCountChange(-1));
          }}
          t={t}
          {...actions.for(contribution.id)}
        />
      ))}
      <ErrorAlert message={actions.error} />
      {more && <ShowMore onMore={more} />}
    </div>
  );
}
