import Chip from '@material-ui/core/Chip';
import { withStyles } from '@material-ui/core/styles';
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

const FALLBACK = '#607d8b';

function colouredChip(color: string) {
  return withStyles({
    // `&&` raises specificity above the Chip palette styles.
    root: { '&&': { color: '#fff', fontWeight: 600, backgroundColor: color } },
  })(Chip);
}

const chipCache = new Map<string, ReturnType<typeof colouredChip>>();
function chipFor(color: string) {
  let chip = chipCache.get(color);
  if (!chip) {
    chip = colouredChip(color);
    chipCache.set(color, chip);
  }
  return chip;
}

export function SeverityChip(props: { severity: IncidentSeverity }) {
  const Coloured = chipFor(severityColors[props.severity] ?? FALLBACK);
  return (
    <Coloured
      size="small"
      label={props.severity}
      data-testid="incident-severity"
    />
  );
}

export function IncidentStatusChip(props: { status: IncidentStatus }) {
  const Coloured = chipFor(statusColors[props.status] ?? FALLBACK);
  return (
    <Coloured size="small" label={props.status} data-testid="incident-status" />
  );
}
