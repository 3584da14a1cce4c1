import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { IncidentSeverity } from '@gatekeeper/plugin-slo-common';
import { sloApiRef } from '../../api';
import { useAlertedCall } from '../common/useAlertedCall';

const SEVERITIES: IncidentSeverity[] = ['P0', 'P1', 'P2', 'P3', 'P4'];

/** Creates the incident and reports the outcome; calls `onDone` on success. */
function useCreateIncident(entityRef: string, onDone: () => void) {
  const api = useApi(sloApiRef);
  const alertedCall = useAlertedCall();
  const [saving, setSaving] = useState(false);
  const create = async (fields: {
    title: string;
    severity: IncidentSeverity;
    description: string;
  }) => {
    setSaving(true);
    const ok = await alertedCall(
      () =>
        api.createIncident({
          entityRef,
          title: fields.title.trim(),
          severity: fields.severity,
          description: fields.description.trim() || undefined,
        }),
      {
        success: incident => `Incident ${incident.id} declared`,
        failure: 'Could not declare the incident',
      },
    );
    setSaving(false);
    if (ok) {
      onDone();
    }
  };
  return { saving, create };
}

/** Dialog to declare a manual incident for an entity. */
export function DeclareIncidentDialog(props: {
  entityRef: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { entityRef, onClose, onCreated } = props;
  const { saving, create } = useCreateIncident(entityRef, () => {
    onCreated();
    onClose();
  });
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<IncidentSeverity>('P2');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const titleError = title.trim() ? undefined : 'Enter a title';

  const save = async () => {
    setTouched(true);
    if (titleError) {
      return;
    }
    await create({ title, severity, description });
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Declare incident</DialogTitle>
      <DialogContent>
        <TextField
          fullWidth
          margin="dense"
          label="Title"
          value={title}
          onChange={e => setTitle(e.target.value)}
          error={touched && !!titleError}
          helperText={touched && titleError}
          inputProps={{ 'data-testid': 'declare-title-input', maxLength: 500 }}
        />
        <TextField
          select
          fullWidth
          margin="dense"
          label="Severity"
          value={severity}
          onChange={e => setSeverity(e.target.value as IncidentSeverity)}
          SelectProps={{ inputProps: { 'data-testid': 'declare-severity' } }}
        >
          {SEVERITIES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          label="Description"
          value={description}
          onChange={e => setDescription(e.target.value)}
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
          Declare
        </Button>
      </DialogActions>
    </Dialog>
  );
}
