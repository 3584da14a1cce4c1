import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { assertError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type {
  WaiverRequest,
  WaiverRequestState,
} from '@gatekeeper/plugin-scorecards-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api';
import { WaiverRequestTable } from './WaiverRequestTable';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
  },
  select: { minWidth: 180 },
  buttons: { display: 'flex', gap: theme.spacing(1) },
  empty: { padding: theme.spacing(2) },
}));

const STATES: WaiverRequestState[] = [
  'requested',
  'approved',
  'rejected',
  'withdrawn',
  'expired',
];

type Decision = { request: WaiverRequest; action: 'approve' | 'reject' };

function DecisionDialog(props: {
  decision?: Decision;
  onClose(): void;
  onDecided(): void;
}) {
  const { decision, onClose, onDecided } = props;
  const api = useApi(scorecardsApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const verb = decision?.action === 'approve' ? 'Approve' : 'Reject';
  const confirm = async () => {
    if (!decision) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.decideWaiverRequest(
        decision.request.id,
        decision.action,
        comment.trim() || undefined,
      );
      setComment('');
      onDecided();
      onClose();
    } catch (e) {
      assertError(e);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={Boolean(decision)}
      onClose={onClose}
      aria-labelledby="waiver-decision-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="waiver-decision-title">
        {verb} the waiver of {decision?.request.gateId} for{' '}
        {decision?.request.entityRef}
      </DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error.message}</Alert>}
        <Typography variant="body2" gutterBottom>
          {decision?.request.reason}
        </Typography>
        <TextField
          id="waiver-comment"
          label="Comment (optional)"
          fullWidth
          multiline
          minRows={2}
          value={comment}
          onChange={e => setComment(e.target.value)}
          inputProps={{ maxLength: 2000, 'data-testid': 'waiver-comment' }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={confirm}
          disabled={busy}
          data-testid="waiver-decision-confirm"
        >
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Approve and reject buttons of a request the caller may decide. */
function DecisionButtons(props: {
  request: WaiverRequest;
  onDecide(decision: Decision): void;
}) {
  const { request: r, onDecide } = props;
  const classes = useStyles();
  if (!r.canDecide) {
    return (
      <Typography variant="caption" color="textSecondary">
        {r.state === 'requested' ? 'Awaiting an approver' : 'Decided'}
      </Typography>
    );
  }
  const what = `the waiver of ${r.gateId} for ${r.entityRef}`;
  return (
    <Box className={classes.buttons}>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        onClick={() => onDecide({ request: r, action: 'approve' })}
        aria-label={`Approve ${what}`}
        data-testid="waiver-approve"
      >
        Approve
      </Button>
      <Button
        size="small"
        variant="outlined"
        onClick={() => onDecide({ request: r, action: 'reject' })}
        aria-label={`Reject ${what}`}
        data-testid="waiver-reject"
      >
        Reject
      </Button>
    </Box>
  );
}

/**
 * Waiver requests of the entities the caller may see, by state; approvers
 * (platform members, approvers of the gate) approve or reject open ones.
 */
export function WaiverRequestsView() {
  const api = useApi(scorecardsApiRef);
  const classes = useStyles();
  const [state, setState] = useState<WaiverRequestState>('requested');
  const [decision, setDecision] = useState<Decision>();
  const list = useAsyncRetry(
    () => api.listWaiverRequests({ state }),
    [api, state],
  );
  const items = list.value?.items ?? [];
  return (
    <Paper data-testid="waiver-requests-view">
      <Box className={classes.toolbar}>
        <FormControl variant="outlined" size="small" className={classes.select}>
          <InputLabel id="waiver-state-label">State</InputLabel>
          <Select
            labelId="waiver-state-label"
            label="State"
            // labelled by the label and the value: the name holds what it shows
            SelectDisplayProps={{ id: 'waiver-state-value' }}
            value={state}
            onChange={e => setState(e.target.value as WaiverRequestState)}
          >
            {STATES.map(s => (
              <MenuItem key={s} value={s}>
                {s[0].toLocaleUpperCase('en-US') + s.slice(1)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Typography variant="body2" color="textSecondary">
          Requesters cannot decide their own requests.
        </Typography>
      </Box>
      {list.loading && <Progress />}
      {list.error && <ResponseErrorPanel error={list.error} />}
      {!list.loading && !list.error && items.length === 0 && (
        <Typography variant="body2" className={classes.empty}>
          No {state} waiver requests.
        </Typography>
      )}
      {!list.loading && items.length > 0 && (
        <WaiverRequestTable
          items={items}
          label={`${state} waiver requests`}
          showEntity
          actions={r => <DecisionButtons request={r} onDecide={setDecision} />}
        />
      )}
      <DecisionDialog
        decision={decision}
        onClose={() => setDecision(undefined)}
        onDecided={list.retry}
      />
    </Paper>
  );
}
