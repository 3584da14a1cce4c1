import { useApi } from '@backstage/core-plugin-api';
import { SCORECARDS_SIGNAL_CHANNEL } from '@gatekeeper/plugin-scorecards-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DueCampaign, scorecardsApiRef } from '../../api';
import { useScorecardSignal } from '../useScorecardSignal';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A signalled change reloads the summary this long after it. */
const SIGNAL_DELAY_MS = 3000;

/**
 * The signed-in user's summary and the campaigns of their groups due within
 * `campaignDays`; reloaded when the backend signals a scorecard change.
 */
export function useMyGatekeeper(options: {
  campaignDays: number;
  now?: () => number;
}) {
  const api = useApi(scorecardsApiRef);
  const { campaignDays } = options;
  const now = options.now ?? Date.now;
  const summary = useAsyncRetry(() => api.getMySummary(), [api]);
  const groups = (summary.value?.owners ?? []).filter(o =>
    o.startsWith('group:'),
  );
  const groupKey = groups.join(',');
  const campaigns = useAsyncRetry(async (): Promise<DueCampaign[]> => {
    if (!groupKey) return [];
    const due = new Date(now() + campaignDays * DAY_MS).toISOString();
    const lists = await Promise.all(
      groupKey
        .split(',')
        .map(owner => api.getDueCampaigns({ owner, due }).then(r => r.items)),
    );
    const byId = new Map(lists.flat().map(c => [c.id, c]));
    return [...byId.values()].sort(
      (a, b) =>
        Date.parse(a.deadline) - Date.parse(b.deadline) ||
        a.title.localeCompare(b.title),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, groupKey, campaignDays]);
  useScorecardSignal(
    SCORECARDS_SIGNAL_CHANNEL,
    () => {
      summary.retry();
      campaigns.retry();
    },
    SIGNAL_DELAY_MS,
  );
  return { summary, campaigns };
}
