import type { WaiverRequestState } from '@gatekeeper/plugin-scorecards-common';
import { OutlinedToneChip, ScorecardPalette, Tone } from '../common';

const LABELS: Record<WaiverRequestState, string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

const TONES: Record<WaiverRequestState, (p: ScorecardPalette) => Tone> = {
  requested: p => p.status.unknown,
  approved: p => p.status.waived,
  rejected: p => p.status.fail,
  withdrawn: p => p.status.stale,
  expired: p => p.status.stale,
};

/** The state of a waiver request as an outlined chip (the label names it). */
export function WaiverStateChip(props: { state: WaiverRequestState }) {
  return (
    <OutlinedToneChip
      pick={TONES[props.state]}
      label={LABELS[props.state]}
      data-status={props.state}
    />
  );
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (UTC) of an epoch ms. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The dates a waiver may end on: from tomorrow to the policy's maximum. */
export function expiryBounds(maxDays: number, now = Date.now()) {
  return { min: utcDate(now + DAY_MS), max: utcDate(now + maxDays * DAY_MS) };
}
