import { useApi } from '@backstage/core-plugin-api';
import type {
  Campaign,
  CampaignSelector,
  CreateCampaignRequest,
} from '@gatekeeper/plugin-scorecards-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';
import { splitList } from './campaignFormat';

const useStyles = makeStyles(theme => ({
  fields: { display: 'grid', gap: theme.spacing(2), minWidth: 420 },
}));

const SELECTOR_FIELDS: Array<{ key: keyof CampaignSelector; label: string }> = [
  { key: 'owners', label: 'Owning groups' },
  { key: 'kinds', label: 'Kinds' },
  { key: 'systems', label: 'Systems' },
  { key: 'domains', label: 'Domains' },
  { key: 'lifecycles', label: 'Lifecycles' },
  { key: 'tags', label: 'Tags' },
];

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The request of the form's values; undefined lists left out. */
function toRequest(values: Record<string, string>, gates: string[]) {
  const selector: CampaignSelector = {};
  for (const { key } of SELECTOR_FIELDS) {
    const list = splitList(values[key] ?? '');
    if (list.length > 0) selector[key] = list;
  }
  const request: CreateCampaignRequest = {
    title: values.title ?? '',
    owner: values.owner ?? '',
    target: {
      ...(gates.length > 0 ? { gates } : {}),
      ...(values.level ? { level: values.level } : {}),
    },
    selector,
    deadline: values.deadline ?? '',
  };
  if (values.description) request.description = values.description;
  return request;
}

type FieldSetter = (
  name: string,
) => (e: { target: { value: unknown } }) => void;

/** Gates (multiple) and level of the target, from the policy. */
function TargetFields(props: {
  values: Record<string, string>;
  set: FieldSetter;
  gates: string[];
  setGates: (gates: string[]) => void;
}) {
  const api = useApi(scorecardsApiRef);
  const policy = useAsync(() => api.getGates(), [api]);
  return (
    <>
      <TextField
        id="campaign-gates"
        select
        label="Gates"
        SelectProps={{ multiple: true }}
        value={props.gates}
        onChange={e => {
          const value: unknown = e.target.value;
          props.setGates(Array.isArray(value) ? value.map(String) : []);
        }}
      >
        {(policy.value?.gates ?? []).map(g => (
          <MenuItem key={g.id} value={g.id}>
            {g.title}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="campaign-level"
        select
        label="Level"
        value={props.values.level ?? ''}
        onChange={props.set('level')}
      >
        <MenuItem value="">none</MenuItem>
        {(policy.value?.levels ?? []).map(l => (
          <MenuItem key={l} value={l}>
            {l}
          </MenuItem>
        ))}
      </TextField>
    </>
  );
}

/** Title, description, owner, target, selector and deadline. */
function CampaignFields(props: {
  values: Record<string, string>;
  set: FieldSetter;
  gates: string[];
  setGates: (gates: string[]) => void;
}) {
  const { values, set } = props;
  const text = (name: string, label: string, extra: object = {}) => (
    <TextField
      id={`campaign-${name}`}
      label={label}
      value={values[name] ?? ''}
      onChange={set(name)}
      {...extra}
    />
  );
  return (
    <>
      {text('title', 'Title', { required: true })}
      {text('description', 'Description', { multiline: true })}
      {text('owner', 'Owner (group)', {
        required: true,
        placeholder: 'group:default/platform-team',
      })}
      <TargetFields {...props} />
      {SELECTOR_FIELDS.map(f => (
        <span key={f.key}>
          {text(f.key, f.label, {
            helperText: 'Comma-separated; empty matches all',
            fullWidth: true,
          })}
        </span>
      ))}
      {text('deadline', 'Deadline', {
        type: 'date',
        required: true,
        InputLabelProps: { shrink: true },
      })}
    </>
  );
}

/** Creates a campaign (shown to holders of scorecards.campaigns.manage). */
export function CreateCampaignDialog(props: {
  open: boolean;
  onClose: () => void;
  onCreated: (campaign: Campaign) => void;
}) {
  const api = useApi(scorecardsApiRef);
  const classes = useStyles();
  const [values, setValues] = useState<Record<string, string>>({});
  const [gates, setGates] = useState<string[]>([]);
  const [error, setError] = useState<Error>();
  const [saving, setSaving] = useState(false);
  // One key per opened dialog: a retried submit creates one campaign.
  const key = useMemo(() => (props.open ? newKey() : ''), [props.open]);
  const set: FieldSetter = name => e =>
    setValues(v => ({ ...v, [name]: String(e.target.value) }));

  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const created = await api.createCampaign(toRequest(values, gates), {
        idempotencyKey: key,
      });
      props.onCreated(created);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby="new-campaign"
    >
      <DialogTitle id="new-campaign">New campaign</DialogTitle>
      <DialogContent>
        <div className={classes.fields}>
          {error && <Alert severity="error">{error.message}</Alert>}
          <CampaignFields
            values={values}
            set={set}
            gates={gates}
            setGates={setGates}
          />
        </div>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving}
          onClick={submit}
        >
          Create
        </Button>
      </DialogActions>
    </Dialog>
  );
}
