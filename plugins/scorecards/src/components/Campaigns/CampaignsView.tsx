import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  type CampaignSummary,
  scorecardsCampaignsManagePermission,
} from '@gatekeeper/plugin-scorecards-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Link from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api';
import { CampaignDetails } from './CampaignDetails';
import { formatDeadline, percentDone, targetLabel } from './campaignFormat';
import { CreateCampaignDialog } from './CreateCampaignDialog';

const useStyles = makeStyles(theme => ({
  empty: { padding: theme.spacing(2) },
  bar: { minWidth: 120, marginBottom: theme.spacing(0.5) },
  toolbar: {
    display: 'flex',
    justifyContent: 'flex-end',
    marginBottom: theme.spacing(2),
  },
}));

function CampaignRow(props: {
  campaign: CampaignSummary;
  onOpen: (id: string) => void;
}) {
  const { campaign } = props;
  const classes = useStyles();
  const { progress } = campaign;
  const percent = percentDone(progress);
  return (
    <TableRow>
      <TableCell>
        <Link
          component="button"
          variant="body2"
          onClick={() => props.onOpen(campaign.id)}
        >
          {campaign.title}
        </Link>
        {campaign.source === 'code' && <Chip size="small" label="as code" />}
      </TableCell>
      <TableCell>{targetLabel(campaign.target)}</TableCell>
      <TableCell>{formatDeadline(campaign.deadline)}</TableCell>
      <TableCell>
        <LinearProgress
          className={classes.bar}
          variant="determinate"
          value={percent}
          aria-label={`${campaign.title}: ${percent}% done`}
        />
        <Typography variant="caption">
          {progress.done}/{progress.total} done
          {progress.overdue > 0 && `, ${progress.overdue} overdue`}
        </Typography>
      </TableCell>
    </TableRow>
  );
}

/** Campaigns with deadline and progress; platform members create them here. */
export function CampaignsView() {
  const api = useApi(scorecardsApiRef);
  const classes = useStyles();
  const { allowed: canManage } = usePermission({
    permission: scorecardsCampaignsManagePermission,
  });
  const list = useAsyncRetry(() => api.listCampaigns(), [api]);
  const [open, setOpen] = useState<string>();
  const [creating, setCreating] = useState(false);

  if (open) {
    return (
      <Box>
        <Button onClick={() => setOpen(undefined)}>← All campaigns</Button>
        <CampaignDetails id={open} />
      </Box>
    );
  }
  const items = list.value?.items ?? [];
  return (
    <Box>
      {canManage && (
        <div className={classes.toolbar}>
          <Button
            variant="contained"
            color="primary"
            onClick={() => setCreating(true)}
          >
            New campaign
          </Button>
        </div>
      )}
      {list.loading && <Progress />}
      {list.error && <ResponseErrorPanel error={list.error} />}
      {!list.loading && !list.error && (
        <Paper>
          {items.length === 0 ? (
            <Typography variant="body2" className={classes.empty}>
              No campaigns yet.
            </Typography>
          ) : (
            <Table size="small" aria-label="Campaigns">
              <TableHead>
                <TableRow>
                  <TableCell>Campaign</TableCell>
                  <TableCell>Target</TableCell>
                  <TableCell>Deadline</TableCell>
                  <TableCell>Progress</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map(c => (
                  <CampaignRow key={c.id} campaign={c} onOpen={setOpen} />
                ))}
              </TableBody>
            </Table>
          )}
        </Paper>
      )}
      <CreateCampaignDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={created => {
          setCreating(false);
          list.retry();
          setOpen(created.id);
        }}
      />
    </Box>
  );
}
