import type { GateStatus } from '@gatekeeper/plugin-scorecards-common';
import { useTheme } from '@material-ui/core/styles';
import { scorecardPalette } from './palette';
import { STATUS_LABELS } from './statusStyles';

/**
 * Line sparkline of numeric values (e.g. the score over time), as inline SVG.
 * Undefined values are gaps.
 */
export function ScoreSparkline(props: {
  values: (number | undefined)[];
  width?: number;
  height?: number;
  min?: number;
  max?: number;
  /** Line colour, defaults to the theme's primary colour. */
  color?: string;
  label?: string;
}) {
  const theme = useTheme();
  const {
    values,
    width = 120,
    height = 28,
    min = 0,
    max = 100,
    color = theme.palette.primary.main,
    label = 'Score history',
  } = props;
  const pad = 2;
  const n = values.length;
  const x = (i: number) =>
    n <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1);
  const range = max - min || 1;
  const y = (v: number) => {
    const clamped = Math.min(max, Math.max(min, v));
    return pad + (1 - (clamped - min) / range) * (height - 2 * pad);
  };

  // Split into segments at undefined values.
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === undefined || Number.isNaN(v)) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else {
      current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    }
  });
  if (current.length) segments.push(current.join(' '));

  const lastIndex = findLastIndex(values, v => v !== undefined);
  const last = lastIndex >= 0 ? values[lastIndex] : undefined;

  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${values
        .map(v => (v === undefined ? 'n/a' : String(Math.round(v))))
        .join(', ')}`}
      data-testid="score-sparkline"
    >
      {segments.map(points => (
        <polyline
          key={points}
          points={points}
          fill="none"
          stroke={color}
          strokeWidth={1.5}
          strokeLinejoin="round"
        />
      ))}
      {last !== undefined && (
        <circle cx={x(lastIndex)} cy={y(last)} r={2.5} fill={color} />
      )}
    </svg>
  );
}

/**
 * Status strip of a gate over time: one coloured block per history point,
 * oldest on the left.
 */
export function StatusSparkline(props: {
  statuses: (GateStatus | undefined)[];
  width?: number;
  height?: number;
  label?: string;
}) {
  const { statuses, height = 14, label = 'Status history' } = props;
  const theme = useTheme();
  const palette = scorecardPalette(theme);
  const n = statuses.length;
  const width = props.width ?? Math.max(24, Math.min(120, n * 8));
  const gap = n > 30 ? 0 : 1;
  const w = n ? width / n : width;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${statuses
        .map(s => (s ? STATUS_LABELS[s] : 'n/a'))
        .join(', ')}`}
      data-testid="status-sparkline"
    >
      {statuses.map((status, i) => (
        <rect
          key={i}
          x={i * w}
          y={0}
          width={Math.max(1, w - gap)}
          height={height}
          fill={status ? palette.status[status].fill : theme.palette.divider}
        >
          <title>{status ? STATUS_LABELS[status] : 'Not evaluated'}</title>
        </rect>
      ))}
    </svg>
  );
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean) {
  for (let i = items.length - 1; i >= 0; i--) {
    if (predicate(items[i])) return i;
  }
  return -1;
}
