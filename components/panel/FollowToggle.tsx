import { useEffect, useState } from 'preact/hooks';
import { usePanelApi } from './panel-api';

/**
 * Follow the item: hear about new reviews, discussion and resources on it. Writing anything on an
 * item follows it; unfollowing here is remembered, and writing again does not undo it.
 */
export function FollowToggle({ item }: { item: string }) {
  const { ask, t } = usePanelApi();
  const [following, setFollowing] = useState<boolean | null>(null);
  useEffect(() => {
    setFollowing(null);
    void ask('follows.get', { item }).then((answer) => answer.ok && setFollowing(answer.following));
  }, [item]);
  if (following === null) return null;
  return (
    <button
      type="button"
      class="link follow"
      aria-pressed={following}
      onClick={async () => {
        const answer = await ask('follows.set', { item, following: !following });
        if (answer.ok) setFollowing(answer.following);
      }}
    >
      {following ? t('following') : t('follow')}
    </button>
  );
}
