import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { sloApiRef } from '../../api';
import { useAlertedCall } from '../common/useAlertedCall';

/** Validates the override form; returns field errors. */
export function validateOverride(
  reason: string,
  hours: string,
): { reason?: string; hours?: string } {
  const errors: { reason?: string; hours?: string } = {};
  if (reason.trim().length < 3) {
    errors.reason = 'Explain why the freeze is lifted (at least 3 characters)';
  }
  const h = Number(hours);
  if (!Number.isFinite(h) || h <= 0 || h > 168) {
    errors.hours = 'Between 0 and 168 hours';
  }
  return errors;
}

/** Saves the override and reports the outcome; calls `onDone` on success. */
function useOverrideFreeze(entityRef: string, onDone: () => void) {
  const api = useApi(sloApiRef);
  const alertedCall = useAlertedCall();
  const [saving, setSaving] = useState(false);
  const override = async (reason: string, expiresAt: string) => {
    setSaving(true);
    const ok = await alertedCall(
      () => api.overrideFreeze(entityRef, { reason: reason.trim(), expiresAt }),
      {
        success: () => 'Change freeze overridden',
        failure: 'Could not override the freeze',
      },
    );
    setSaving(false);
    if (ok) {
      onDone();
    }
  };
  return { saving, override };
}

/** Dialog to lift an error-budget change freeze for a limited time. */
export function FreezeOverrideDialog(props: {
  entityRef: string;
  onClose: () => void;
  onSaved: () => void;
  now?: () => number;
}) {
  const { entityRef, onClose, onSaved, now = Date.now } = props;
  const { saving, override } = useOverrideFreeze(entityRef, () => {
    onSaved();
    onClose();
  });
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState('4');
  const [touched, setTouched] = useState(false);
  const errors = validateOverride(reason, hours);

  const save = async () => {
    setTouched(true);
    if (errors.reason || errors.hours) {
      return;
    }
    await override(
      reason,
      new Date(now() + Number(hours) * 3600_000).toISOString(),
    );
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Override change freeze</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Deploy gates allow normal changes again until the override expires.
          The override is audited.
        </DialogContentText>
        <TextField
          fullWidth
          margin="dense"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          error={touched && !!errors.reason}
          helperText={touched && errors.reason}
          inputProps={{ 'data-testid': 'override-reason-input' }}
        />
        <TextField
          fullWidth
          margin="dense"
          type="number"
          label="Duration (hours)"
          value={hours}
          onChange={e => setHours(e.target.value)}
          error={touched && !!errors.hours}
          helperText={touched && errors.hours}
          inputProps={{
            'data-testid': 'override-hours-input',
            min: 1,
            max: 168,
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving}
          onClick={save}
        >
          Override
        </Button>
      </DialogActions>
    </Dialog>
  );
}
