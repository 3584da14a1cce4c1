import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  Campaign,
  CampaignEntityStatus,
} from '@gatekeeper/plugin-scorecards-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';
import { countsTone, formatDeadline, targetLabel } from './campaignFormat';

const useStyles = makeStyles(theme => ({
  empty: { padding: theme.spacing(2) },
  done: { color: theme.palette.success.main },
  remaining: { color: theme.palette.warning.dark },
  overdue: { color: theme.palette.error.main },
}));

interface Row {
  campaign: Campaign;
  /** The entity's own status, or the group's counts. */
  status: string;
  tone: CampaignEntityStatus;
  detail?: string;
}

/**
 * Campaigns that concern the entity, with their deadline and its status;
 * on a group page, the campaigns of the group's entities with their counts.
 */
export function EntityCampaignsCard() {
  const { entity } = useEntity();
  const api = useApi(scorecardsApiRef);
  const classes = useStyles();
  const entityRef = stringifyEntityRef(entity);
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const state = useAsync(async (): Promise<Row[]> => {
    if (isGroup) {
      const { items } = await api.listCampaigns({ owner: entityRef });
      return items.map(c => ({
        campaign: c,
        status: `${c.progress.done}/${c.progress.total} done`,
        tone: countsTone(c.progress),
        detail:
          c.progress.overdue > 0 ? `${c.progress.overdue} overdue` : undefined,
      }));
    }
    const { items } = await api.getEntityCampaigns(entityRef);
    return items.map(i => ({
      campaign: i.campaign,
      status: i.status,
      tone: i.status,
      detail: i.gates.length
        ? `fix ${i.gates.map(g => g.gateId).join(', ')}`
        : undefined,
    }));
  }, [api, entityRef, isGroup]);
  const rows = state.value ?? [];
  return (
    <InfoCard title={`Campaigns (${rows.length})`} noPadding>
      <div data-testid="entity-campaigns">
        {state.error && <ResponseErrorPanel error={state.error} />}
        {!state.error && rows.length === 0 && (
          <Typography variant="body2" className={classes.empty}>
            {state.loading
              ? 'Loading campaigns…'
              : 'No campaigns concern this entity.'}
          </Typography>
        )}
        {rows.length > 0 && (
          <List dense aria-label="Campaigns">
            {rows.map(row => (
              <ListItem key={row.campaign.id}>
                <ListItemText
                  primary={row.campaign.title}
                  secondary={`${targetLabel(
                    row.campaign.target,
                  )} · due ${formatDeadline(row.campaign.deadline)}${
                    row.detail ? ` · ${row.detail}` : ''
                  }`}
                />
                <Typography variant="body2" className={classes[row.tone]}>
                  {row.status}
                </Typography>
              </ListItem>
            ))}
          </List>
        )}
      </div>
    </InfoCard>
  );
}
