import Chip from '@material-ui/core/Chip';
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
  VERDICT_COLORS,
  VERDICT_LABELS,
} from './statusStyles';

/** Coloured chip with the entity verdict. */
export function VerdictChip(props: {
  verdict: EntityVerdict;
  size?: 'small' | 'medium';
}) {
  const { verdict, size = 'medium' } = props;
  return (
    <Chip
      data-testid="scorecard-verdict"
      data-verdict={verdict}
      label={VERDICT_LABELS[verdict]}
      size={size}
      style={{
        backgroundColor: VERDICT_COLORS[verdict],
        color: '#fff',
        fontWeight: 600,
      }}
    />
  );
}

/** Coloured chip with a gate status. */
export function StatusChip(props: { status: GateStatus }) {
  const { status } = props;
  return (
    <Chip
      label={STATUS_LABELS[status]}
      size="small"
      style={{ backgroundColor: STATUS_COLORS[status], color: '#fff' }}
    />
  );
}

/** Level badge (bronze/silver/gold), or "No level" when none is reached. */
export function LevelBadge(props: { level?: string }) {
  const { level } = props;
  return (
    <Chip
      data-testid="scorecard-level"
      label={level ? capitalize(level) : 'No level'}
      size="small"
      variant={level ? 'default' : 'outlined'}
      style={
        level
          ? { backgroundColor: levelColor(level), color: '#fff' }
          : undefined
      }
    />
  );
}

const SEVERITY_COLORS: Record<GateSeverity, string> = {
  critical: '#b71c1c',
  high: '#e65100',
  medium: '#f9a825',
  low: '#607d8b',
};

/** Outlined chip with the gate severity. */
export function SeverityChip(props: { severity: GateSeverity }) {
  const { severity } = props;
  return (
    <Chip
      label={capitalize(severity)}
      size="small"
      variant="outlined"
      style={{
        borderColor: SEVERITY_COLORS[severity],
        color: SEVERITY_COLORS[severity],
      }}
    />
  );
}
