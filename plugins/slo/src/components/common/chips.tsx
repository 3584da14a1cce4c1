import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import {
  IncidentSeverity,
  IncidentStatus,
} from '@gatekeeper/plugin-slo-common';
import { ReactNode } from 'react';
import { sloPalette, SloPalette, Tone } from './palette';

/** Picks the tone of an element from the theme's palette. */
export type TonePick = (palette: SloPalette) => Tone;

const useStyles = makeStyles(theme => {
  const tone = (p: { pick: TonePick }) => p.pick(sloPalette(theme));
  return {
    // `&&` raises specificity above the Chip palette styles.
    chip: {
      '&&': { fontWeight: 600 },
      backgroundColor: (p: { pick: TonePick }) => tone(p).fill,
      color: (p: { pick: TonePick }) => tone(p).onFill,
    },
    text: { color: (p: { pick: TonePick }) => tone(p).text },
  };
});

/** A small chip filled with a tone of the palette (white text, >= 4.5:1). */
export function ToneChip(props: {
  pick: TonePick;
  label: string;
  'data-testid'?: string;
}) {
  const classes = useStyles({ pick: props.pick });
  return (
    <Chip
      size="small"
      label={props.label}
      className={classes.chip}
      data-testid={props['data-testid']}
    />
  );
}

/** The class of text in a tone, readable on the theme's backgrounds. */
export function useToneText(pick: TonePick): string {
  return useStyles({ pick }).text;
}

/** Text (any element) in a tone of the palette. */
export function ToneText(props: { pick: TonePick; children: ReactNode }) {
  return <span className={useToneText(props.pick)}>{props.children}</span>;
}

export function SeverityChip(props: { severity: IncidentSeverity }) {
  return (
    <ToneChip
      pick={p => p.severity[props.severity] ?? p.neutral}
      label={props.severity}
      data-testid="incident-severity"
    />
  );
}

export function IncidentStatusChip(props: { status: IncidentStatus }) {
  return (
    <ToneChip
      pick={p => p.status[props.status] ?? p.neutral}
      label={props.status}
      data-testid="incident-status"
    />
  );
}
