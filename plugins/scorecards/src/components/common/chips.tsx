import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type {
  EntityVerdict,
  GateSeverity,
  GateStatus,
} from '@gatekeeper/plugin-scorecards-common';
import {
  capitalize,
  levelColor,
  STATUS_COLORS,
  STATUS_LABELS,
  textColor,
  VERDICT_COLORS,
  VERDICT_LABELS,
} from './statusStyles';

const SEVERITY_COLORS: Record<GateSeverity, string> = {
  critical: '#b71c1c',
  high: '#e65100',
  medium: '#8d6e00',
  low: '#546e7a',
};

const useStyles = makeStyles(theme => ({
  filled: {
    backgroundColor: (p: { color: string }) => p.color,
    color: '#fff',
  },
  strong: { fontWeight: 600 },
  outlined: {
    borderColor: (p: { color: string }) =>
      textColor(p.color, theme.palette.type),
    color: (p: { color: string }) => textColor(p.color, theme.palette.type),
  },
}));

/** Coloured chip with the entity verdict (the label names it). */
export function VerdictChip(props: {
  verdict: EntityVerdict;
  size?: 'small' | 'medium';
}) {
  const { verdict, size = 'medium' } = props;
  const classes = useStyles({ color: VERDICT_COLORS[verdict] });
  return (
    <Chip
      data-testid="scorecard-verdict"
      data-verdict={verdict}
      label={VERDICT_LABELS[verdict]}
      size={size}
      className={`${classes.filled} ${classes.strong}`}
    />
  );
}

/** Coloured chip with a gate status (the label names it). */
export function StatusChip(props: { status: GateStatus }) {
  const { status } = props;
  const classes = useStyles({ color: STATUS_COLORS[status] });
  return (
    <Chip
      label={STATUS_LABELS[status]}
      size="small"
      className={classes.filled}
    />
  );
}

/** Level badge (bronze/silver/gold), or "No level" when none is reached. */
export function LevelBadge(props: { level?: string }) {
  const { level } = props;
  const classes = useStyles({ color: levelColor(level) });
  return (
    <Chip
      data-testid="scorecard-level"
      label={level ? capitalize(level) : 'No level'}
      size="small"
      variant={level ? 'default' : 'outlined'}
      className={level ? classes.filled : undefined}
    />
  );
}

/** Outlined chip with the gate severity. */
export function SeverityChip(props: { severity: GateSeverity }) {
  const { severity } = props;
  const classes = useStyles({ color: SEVERITY_COLORS[severity] });
  return (
    <Chip
      label={capitalize(severity)}
      size="small"
      variant="outlined"
      className={classes.outlined}
    />
  );
}

/** Outlined chip in a status colour with a label that names the status. */
export function OutlinedStatusChip(props: {
  status: GateStatus;
  label: string;
}) {
  const classes = useStyles({ color: STATUS_COLORS[props.status] });
  return (
    <Chip
      size="small"
      variant="outlined"
      data-status={props.status}
      label={props.label}
      className={classes.outlined}
    />
  );
}
