import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { Incident } from '@gatekeeper/plugin-slo-common';

/** Returns an error message when `value` is not an absolute http(s) URL. */
export function validatePostmortemUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) {
    return 'Enter the postmortem URL';
  }
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return 'The URL must start with https:// or http://';
    }
  } catch {
    return 'Enter an absolute URL, e.g. https://docs.example.com/pm/123';
  }
  return undefined;
}

/** Dialog to attach or change the postmortem link of an incident. */
export function PostmortemDialog(props: {
  incident: Incident;
  onClose: () => void;
  onSave: (url: string) => Promise<boolean>;
}) {
  const { incident, onClose, onSave } = props;
  const [value, setValue] = useState(incident.postmortemUrl ?? '');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const error = validatePostmortemUrl(value);

  const save = async () => {
    setTouched(true);
    if (error) {
      return;
    }
    setSaving(true);
    const ok = await onSave(value.trim());
    setSaving(false);
    if (ok) {
      onClose();
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Postmortem for {incident.id}</DialogTitle>
      <DialogContent>
        <TextField
          fullWidth
          label="Postmortem URL"
          value={value}
          onChange={e => setValue(e.target.value)}
          onBlur={() => setTouched(true)}
          error={touched && !!error}
          helperText={touched && error ? error : incident.title}
          inputProps={{ 'data-testid': 'postmortem-url-input' }}
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
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
