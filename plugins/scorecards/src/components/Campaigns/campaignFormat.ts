import type {
  CampaignCounts,
  CampaignEntityStatus,
  CampaignTarget,
} from '@gatekeeper/plugin-scorecards-common';

/** The deadline as a date (UTC). */
export function formatDeadline(deadline: string): string {
  return deadline.slice(0, 10);
}

/** "gates a, b" and/or "level silver". */
export function targetLabel(target: CampaignTarget): string {
  const parts = [];
  if (target.gates?.length) parts.push(`gates ${target.gates.join(', ')}`);
  if (target.level) parts.push(`level ${target.level}`);
  return parts.join(' and ');
}

/** Percentage of entities done (100 when there are none). */
export function percentDone(progress: CampaignCounts): number {
  return progress.total === 0
    ? 100
    : Math.round((progress.done / progress.total) * 100);
}

/** A comma- or space-separated list as its non-empty values. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map(s => s.trim())
    .filter(Boolean);
}

/** The worst status among counts: overdue, then remaining, else done. */
export function countsTone(progress: CampaignCounts): CampaignEntityStatus {
  if (progress.overdue > 0) return 'overdue';
  return progress.remaining > 0 ? 'remaining' : 'done';
}
