import type {
  EntityVerdict,
  GateSeverity,
  GateStatus,
} from '@gatekeeper/plugin-scorecards-common';

/**
 * Fill colours per gate status; white text on each has a contrast of at
 * least 4.5:1 (WCAG AA), and chips always carry the status as text.
 */
export const STATUS_COLORS: Record<GateStatus, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  stale: '#a84300',
  waived: '#6a1b9a',
  unknown: '#616161',
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
  'at-risk': '#a84300',
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
  silver: '#546e7a',
  gold: '#7c6410',
  platinum: '#3949ab',
};

export function levelColor(level: string | undefined): string {
  if (!level) {
    return '#616161';
  }
  return LEVEL_COLORS[level.toLocaleLowerCase('en-US')] ?? '#455a64';
}

/** Colour of a 0-100 score (fills and text on the light theme). */
export function scoreColor(score: number | undefined): string {
  if (score === undefined) {
    return '#616161';
  }
  if (score >= 80) {
    return '#2e7d32';
  }
  if (score >= 50) {
    return '#a84300';
  }
  return '#c62828';
}

/** Lighter variants for text on the dark theme's paper (>= 4.5:1). */
const ON_DARK: Record<string, string> = {
  '#2e7d32': '#81c784',
  '#c62828': '#ef9a9a',
  '#a84300': '#ffb74d',
  '#616161': '#e0e0e0',
  '#b71c1c': '#ef9a9a',
  '#e65100': '#ffb74d',
  '#8d6e00': '#ffd54f',
  '#546e7a': '#b0bec5',
};

/** A palette colour made readable as text on the given theme type. */
export function textColor(color: string, type: 'light' | 'dark'): string {
  return type === 'dark' ? ON_DARK[color] ?? '#e0e0e0' : color;
}

export function capitalize(value: string): string {
  return value.charAt(0).toLocaleUpperCase('en-US') + value.slice(1);
}
