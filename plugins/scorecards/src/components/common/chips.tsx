import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type {
  EntityVerdict,
  GateSeverity,
  GateStatus,
} from '@gatekeeper/plugin-scorecards-common';
import { ReactNode } from 'react';
import { scorecardPalette, ScorecardPalette, Tone } from './palette';
import { capitalize, STATUS_LABELS, VERDICT_LABELS } from './statusStyles';

/** Picks the tone of an element from the theme's palette. */
export type TonePick = (palette: ScorecardPalette) => Tone;

const useStyles = makeStyles(theme => {
  const tone = (p: { pick: TonePick }) => p.pick(scorecardPalette(theme));
  return {
    filled: {
      backgroundColor: (p: { pick: TonePick }) => tone(p).fill,
      color: (p: { pick: TonePick }) => tone(p).onFill,
    },
    strong: { fontWeight: 600 },
    outlined: {
      borderColor: (p: { pick: TonePick }) => tone(p).text,
      color: (p: { pick: TonePick }) => tone(p).text,
    },
    text: {
      color: (p: { pick: TonePick }) => tone(p).text,
      fontWeight: 700,
    },
  };
});

/** Text in a tone of the palette (readable on the theme's backgrounds). */
export function ToneText(props: {
  pick: TonePick;
  children: ReactNode;
  className?: string;
}) {
  const classes = useStyles({ pick: props.pick });
  return (
    <span className={`${classes.text} ${props.className ?? ''}`}>
      {props.children}
    </span>
  );
}

/** Coloured chip with the entity verdict (the label names it). */
export function VerdictChip(props: {
  verdict: EntityVerdict;
  size?: 'small' | 'medium';
}) {
  const { verdict, size = 'medium' } = props;
  const classes = useStyles({ pick: p => p.verdict[verdict] });
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
  const classes = useStyles({ pick: p => p.status[status] });
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
  const classes = useStyles({ pick: p => p.level(level) });
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
  const classes = useStyles({ pick: p => p.severity[severity] });
  return (
    <Chip
      label={capitalize(severity)}
      size="small"
      variant="outlined"
      className={classes.outlined}
    />
  );
}

/** Outlined chip in a tone with a label that names what it counts. */
export function OutlinedToneChip(props: {
  pick: TonePick;
  label: string;
  'data-status'?: string;
}) {
  const classes = useStyles({ pick: props.pick });
  return (
    <Chip
      size="small"
      variant="outlined"
      data-status={props['data-status']}
      label={props.label}
      className={classes.outlined}
    />
  );
}

/** Outlined chip in a status colour with a label that names the status. */
export function OutlinedStatusChip(props: {
  status: GateStatus;
  label: string;
}) {
  const { status, label } = props;
  return (
    <OutlinedToneChip
      pick={p => p.status[status]}
      label={label}
      data-status={status}
    />
  );
}
