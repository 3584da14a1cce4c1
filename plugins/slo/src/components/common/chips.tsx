import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import {
  IncidentSeverity,
  IncidentStatus,
} from '@gatekeeper/plugin-slo-common';

const severityColors: Record<IncidentSeverity, string> = {
  P0: '#b71c1c',
  P1: '#d32f2f',
  P2: '#ed8c00',
  P3: '#1976d2',
  P4: '#607d8b',
};

const statusColors: Record<IncidentStatus, string> = {
  triggered: '#d32f2f',
  acknowledged: '#ed8c00',
  resolved: '#2e7d32',
};

const useStyles = makeStyles({
  chip: {
    color: '#fff',
    fontWeight: 600,
    backgroundColor: (props: { color: string }) => props.color,
  },
});

export function SeverityChip(props: { severity: IncidentSeverity }) {
  const classes = useStyles({
    color: severityColors[props.severity] ?? '#607d8b',
  });
  return (
    <Chip
      size="small"
      label={props.severity}
      className={classes.chip}
      data-testid="incident-severity"
    />
  );
}

export function IncidentStatusChip(props: { status: IncidentStatus }) {
  const classes = useStyles({ color: statusColors[props.status] ?? '#607d8b' });
  return (
    <Chip
      size="small"
      label={props.status}
      className={classes.chip}
      data-testid="incident-status"
    />
  );
}
