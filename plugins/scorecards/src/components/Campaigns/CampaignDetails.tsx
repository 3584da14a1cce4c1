import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CampaignDetails as Details } from '@gatekeeper/plugin-scorecards-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { usePermission } from '@backstage/plugin-permission-react';
import { scorecardsCampaignsManagePermission } from '@gatekeeper/plugin-scorecards-common';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { scorecardsApiRef } from '../../api';
import { CampaignProgressChart } from './CampaignProgressChart';
import { formatDeadline, targetLabel } from './campaignFormat';

const useStyles = makeStyles(theme => ({
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  empty: { padding: theme.spacing(2) },
}));

function TeamTable(props: { teams: Details['teams'] }) {
  return (
    <Table size="small" aria-label="Progress per team">
      <TableHead>
        <TableRow>
          <TableCell>Team</TableCell>
          <TableCell align="right">Done</TableCell>
          <TableCell align="right">Remaining</TableCell>
          <TableCell align="right">Overdue</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.teams.map(t => (
          <TableRow key={t.owner}>
            <TableCell>
              {t.owner === 'unowned' ? (
                'unowned'
              ) : (
                <EntityRefLink entityRef={t.owner} defaultKind="group" />
              )}
            </TableCell>
            <TableCell align="right">{t.done}</TableCell>
            <TableCell align="right">{t.remaining}</TableCell>
            <TableCell align="right">{t.overdue}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RemainingTable(props: { items: Details['remainingEntities'] }) {
  const classes = useStyles();
  if (props.items.length === 0) {
    return (
      <Typography variant="body2" className={classes.empty}>
        Every entity has reached the target.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Remaining entities">
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Must fix</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(e => (
          <TableRow key={e.entityRef}>
            <TableCell>
              <EntityRefLink entityRef={e.entityRef} />
            </TableCell>
            <TableCell>{e.owner ?? '—'}</TableCell>
            <TableCell>{e.status}</TableCell>
            <TableCell>
              <div className={classes.chips}>
                {e.unevaluated && (
                  <Chip size="small" label="not evaluated yet" />
                )}
                {e.gates.map(g => (
                  <Chip
                    key={g.gateId}
                    size="small"
                    variant="outlined"
                    label={`${g.gateId}: ${g.status}`}
                  />
                ))}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Archives a UI campaign (holders of scorecards.campaigns.manage). */
function ArchiveButton(props: { campaign: Details; onDone: () => void }) {
  const api = useApi(scorecardsApiRef);
  const { allowed } = usePermission({
    permission: scorecardsCampaignsManagePermission,
  });
  const [error, setError] = useState<Error>();
  const { campaign } = props;
  if (!allowed || campaign.source !== 'ui' || campaign.archived) return null;
  const archive = async () => {
    try {
      await api.updateCampaign(campaign.id, { archived: true });
      props.onDone();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  return (
    <>
      {error && <Alert severity="error">{error.message}</Alert>}
      <Button variant="outlined" size="small" onClick={archive}>
        Archive
      </Button>
    </>
  );
}

/** A campaign: progress over time, per team, and what each remaining entity must fix. */
export function CampaignDetails(props: { id: string }) {
  const api = useApi(scorecardsApiRef);
  const state = useAsyncRetry(() => api.getCampaign(props.id), [api, props.id]);
  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const campaign = state.value!;
  const { progress } = campaign;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Typography variant="h5">
          {campaign.title}
          {campaign.archived && ' (archived)'}
        </Typography>
        <ArchiveButton campaign={campaign} onDone={state.retry} />
        {campaign.description && (
          <Typography variant="body1">{campaign.description}</Typography>
        )}
        <Typography variant="body2">
          {targetLabel(campaign.target)} · due{' '}
          {formatDeadline(campaign.deadline)} ·{' '}
          {campaign.source === 'code'
            ? 'defined in the gate policy'
            : `created by ${campaign.createdBy}`}
        </Typography>
        <Typography variant="body2">
          {progress.done} of {progress.total} done, {progress.remaining}{' '}
          remaining, {progress.overdue} overdue
        </Typography>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Progress over time">
          <CampaignProgressChart
            history={campaign.history}
            current={campaign.progress}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Per team" noPadding>
          <TeamTable teams={campaign.teams} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={`Remaining entities (${campaign.remainingEntities.length})`}
          noPadding
        >
          <RemainingTable items={campaign.remainingEntities} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
