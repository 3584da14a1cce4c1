import type {
  EntityVerdict,
  GateSeverity,
  GateStatus,
} from '@gatekeeper/plugin-scorecards-common';

/** Colours per gate status, readable on light and dark themes. */
export const STATUS_COLORS: Record<GateStatus, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  stale: '#ef6c00',
  waived: '#6a1b9a',
  unknown: '#757575',
};

export const STATUS_LABELS: Record<GateStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  stale: 'Stale',
  waived: 'Waived',
  unknown: 'Unknown',
};

/** Order in which statuses are listed (most urgent first). */
export const STATUS_ORDER: GateStatus[] = [
  'fail',
  'stale',
  'unknown',
  'waived',
  'pass',
];

export const VERDICT_COLORS: Record<EntityVerdict, string> = {
  ready: '#2e7d32',
  'at-risk': '#ef6c00',
  blocked: '#c62828',
};

export const VERDICT_LABELS: Record<EntityVerdict, string> = {
  ready: 'Ready',
  'at-risk': 'At risk',
  blocked: 'Blocked',
};

export const VERDICTS: EntityVerdict[] = ['ready', 'at-risk', 'blocked'];

export const SEVERITY_RANK: Record<GateSeverity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

/** Colours of the usual level ladder; other level names get a neutral colour. */
export const LEVEL_COLORS: Record<string, string> = {
  bronze: '#a0522d',
  silver: '#78909c',
  gold: '#c9a227',
  platinum: '#5c6bc0',
};

export function levelColor(level: string | undefined): string {
  if (!level) {
    return '#9e9e9e';
  }
  return LEVEL_COLORS[level.toLocaleLowerCase('en-US')] ?? '#455a64';
}

/** Colour of a 0-100 score. */
export function scoreColor(score: number | undefined): string {
  if (score === undefined) {
    return '#9e9e9e';
  }
  if (score >= 80) {
    return '#2e7d32';
  }
  if (score >= 50) {
    return '#ef6c00';
  }
  return '#c62828';
}

export function capitalize(value: string): string {
  return value.charAt(0).toLocaleUpperCase('en-US') + value.slice(1);
}
