import type {
  EntityVerdict,
  GateSeverity,
  GateStatus,
} from '@gatekeeper/plugin-scorecards-common';

/** A glyph per status, so that a cell never says its status by colour alone. */
export const STATUS_GLYPHS: Record<GateStatus, string> = {
  pass: '✓',
  fail: '✗',
  stale: '!',
  waived: 'W',
  unknown: '?',
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

export function capitalize(value: string): string {
  return value.charAt(0).toLocaleUpperCase('en-US') + value.slice(1);
}
