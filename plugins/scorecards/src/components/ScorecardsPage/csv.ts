import type {
  GateDefinition,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';

/**
 * Escapes one CSV field (RFC 4180): fields containing a comma, quote, CR or
 * LF are wrapped in double quotes and inner quotes are doubled. Text that a
 * spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab, CR) is
 * prefixed with a single quote.
 */
export function escapeCsvField(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  let text: string;
  if (typeof value === 'number') {
    text = Number.isFinite(value) ? String(value) : '';
  } else if (typeof value === 'string') {
    text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  } else {
    text = String(value);
  }
  if (/[",\r\n]/.test(text)) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** Builds a CSV document (CRLF line endings) from a header and rows. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows]
    .map(row => row.map(escapeCsvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** CSV of overview rows: one line per entity, one column per gate status. */
export function buildOverviewCsv(
  rows: ScorecardSummary[],
  gates: Pick<GateDefinition, 'id'>[],
): string {
  const header = [
    'entityRef',
    'title',
    'owner',
    'system',
    'domain',
    'verdict',
    'score',
    'level',
    'evaluatedAt',
    ...gates.map(g => g.id),
  ];
  const lines = rows.map(row => [
    row.entityRef,
    row.title,
    row.owner,
    row.system,
    row.domain,
    row.verdict,
    row.score === undefined ? undefined : Math.round(row.score * 10) / 10,
    row.level,
    row.evaluatedAt,
    ...gates.map(g => row.gates[g.id] ?? ''),
  ]);
  return toCsv(header, lines);
}

/** Offers a CSV document as a file download through a Blob link. */
export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
