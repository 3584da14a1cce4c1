import { useApi } from '@backstage/core-plugin-api';
import { assertError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type { GateResult } from '@gatekeeper/plugin-scorecards-common';
import { FormEvent, useEffect, useState } from 'react';
import { scorecardsApiRef } from '../../api';
import { expiryBounds } from './WaiverStateChip';

const useStyles = makeStyles(theme => ({
  field: { marginTop: theme.spacing(2) },
}));

function newKey(): string {
  return `waiver-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The form state of {@link RequestWaiverDialog} and its submit. */
function useWaiverRequestForm(props: {
  entityRef: string;
  gate?: GateResult;
  maxDays: number;
  onClose(): void;
  onCreated(): void;
}) {
  const { entityRef, gate, maxDays, onClose, onCreated } = props;
  const api = useApi(scorecardsApiRef);
  const bounds = expiryBounds(maxDays);
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(bounds.min);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  // One key per opened dialog: a resubmit after a lost response is a replay.
  const [key, setKey] = useState(newKey);

  const gateId = gate?.gateId;
  useEffect(() => {
    if (gateId) {
      setReason('');
      setError(undefined);
      setKey(newKey());
    }
  }, [gateId]);

  const tooShort = reason.trim().length < 3;
  const outOfRange = !expires || expires < bounds.min || expires > bounds.max;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!gate || tooShort || outOfRange) return;
    setSubmitting(true);
    setError(undefined);
    try {
      await api.createWaiverRequest(
        {
          entityRef,
          gate: gate.gateId,
          reason: reason.trim(),
          expires: `${expires}T00:00:00.000Z`,
        },
        { idempotencyKey: key },
      );
      onCreated();
      onClose();
    } catch (e) {
      assertError(e);
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };
  return {
    bounds,
    reason,
    setReason,
    expires,
    setExpires,
    submitting,
    error,
    tooShort,
    outOfRange,
    submit,
  };
}

/**
 * Dialog to request a waiver of a gate that does not pass: a reason and the
 * date it ends (tomorrow up to the policy's maximum).
 */
export function RequestWaiverDialog(props: {
  entityRef: string;
  /** The gate to waive; the dialog is closed without one. */
  gate?: GateResult;
  maxDays: number;
  onClose(): void;
  onCreated(): void;
}) {
  const { gate, maxDays, onClose } = props;
  const classes = useStyles();
  const form = useWaiverRequestForm(props);
  const { bounds, reason, expires, error, outOfRange } = form;
  return (
    <Dialog
      open={Boolean(gate)}
      onClose={onClose}
      aria-labelledby="request-waiver-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={form.submit} data-testid="request-waiver-dialog">
        <DialogTitle id="request-waiver-title">
          Request a waiver{gate ? `: ${gate.title}` : ''}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            A platform member or an approver of the gate decides the request.
            Once approved, the gate counts as waived until the date below (at
            most {maxDays} days).
          </DialogContentText>
          {error && <Alert severity="error">{error.message}</Alert>}
          <TextField
            className={classes.field}
            id="waiver-reason"
            label="Reason"
            required
            fullWidth
            multiline
            minRows={3}
            value={reason}
            onChange={e => form.setReason(e.target.value)}
            inputProps={{ maxLength: 2000, 'data-testid': 'waiver-reason' }}
            helperText="Why the gate cannot pass now, and the plan to fix it"
          />
          <TextField
            className={classes.field}
            id="waiver-expires"
            label="Expires on (UTC)"
            type="date"
            required
            value={expires}
            onChange={e => form.setExpires(e.target.value)}
            InputLabelProps={{ shrink: true }}
            inputProps={{
              min: bounds.min,
              max: bounds.max,
              'data-testid': 'waiver-expires',
            }}
            error={outOfRange}
            helperText={`Between ${bounds.min} and ${bounds.max}`}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={form.submitting || form.tooShort || outOfRange}
            data-testid="waiver-submit"
          >
            {form.submitting ? 'Requesting…' : 'Request waiver'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
