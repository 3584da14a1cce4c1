import type {
  CampaignCounts,
  CampaignHistoryEvent,
} from '@gatekeeper/plugin-scorecards-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const WIDTH = 480;
const HEIGHT = 160;
const PAD = { left: 32, right: 12, top: 12, bottom: 24 };

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', maxWidth: WIDTH, height: 'auto' },
  axis: { stroke: theme.palette.divider, strokeWidth: 1 },
  label: { fill: theme.palette.text.secondary, fontSize: 10 },
  done: { stroke: theme.palette.success.main, strokeWidth: 2, fill: 'none' },
  remaining: {
    stroke: theme.palette.warning.main,
    strokeWidth: 2,
    fill: 'none',
  },
  overdue: { stroke: theme.palette.error.main, strokeWidth: 2, fill: 'none' },
  legend: { display: 'flex', gap: theme.spacing(2) },
  srOnly: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
  },
}));

type Series = 'done' | 'remaining' | 'overdue';
const SERIES: Series[] = ['done', 'remaining', 'overdue'];

type Snapshot = CampaignHistoryEvent &
  Required<Pick<CampaignHistoryEvent, 'progress'>> & {
    /** Today's live counts, not a stored snapshot. */
    live?: boolean;
  };

const day = (at: string) => at.slice(0, 10);

/** The lines (a dot each for a single snapshot) with axes and labels. */
function ChartSvg(props: { points: Snapshot[] }) {
  const classes = useStyles();
  const { points } = props;
  const max = Math.max(1, ...points.map(p => p.progress.total));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left +
    (points.length === 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (v: number) => PAD.top + (1 - v / max) * innerH;
  const line = (series: Series) =>
    points
      .map((p, i) => `${x(i).toFixed(1)},${y(p.progress[series]).toFixed(1)}`)
      .join(' ');
  const right = WIDTH - PAD.right;
  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Campaign progress over ${points.length} day${
        points.length === 1 ? '' : 's'
      }`}
    >
      <line
        className={classes.axis}
        x1={PAD.left}
        y1={y(0)}
        x2={right}
        y2={y(0)}
      />
      <line
        className={classes.axis}
        x1={PAD.left}
        y1={PAD.top}
        x2={PAD.left}
        y2={y(0)}
      />
      <text className={classes.label} x={4} y={y(max) + 4}>
        {max}
      </text>
      <text className={classes.label} x={4} y={y(0)}>
        0
      </text>
      <text className={classes.label} x={PAD.left} y={HEIGHT - 6}>
        {day(points[0].at)}
      </text>
      <text className={classes.label} x={right} y={HEIGHT - 6} textAnchor="end">
        {day(points[points.length - 1].at)}
      </text>
      {SERIES.map(series =>
        points.length === 1 ? (
          <circle
            key={series}
            className={classes[series]}
            cx={x(0)}
            cy={y(points[0].progress[series])}
            r={3}
          />
        ) : (
          <polyline
            key={series}
            className={classes[series]}
            points={line(series)}
          />
        ),
      )}
    </svg>
  );
}

/** The same numbers as a table, for screen readers. */
function ChartTable(props: { points: Snapshot[] }) {
  const classes = useStyles();
  return (
    <table className={classes.srOnly}>
      <caption>Campaign progress per day</caption>
      <thead>
        <tr>
          <th>Day</th>
          <th>Done</th>
          <th>Remaining</th>
          <th>Overdue</th>
        </tr>
      </thead>
      <tbody>
        {props.points.map(p => (
          <tr key={p.at}>
            <td>{p.live ? `${day(p.at)} (now)` : day(p.at)}</td>
            <td>{p.progress.done}</td>
            <td>{p.progress.remaining}</td>
            <td>{p.progress.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The daily snapshots, and the current counts as today's point if none is stored yet. */
function withToday(props: {
  history: CampaignHistoryEvent[];
  current?: CampaignCounts;
  now?: Date;
}): Snapshot[] {
  const points: Snapshot[] = props.history.filter(
    (h): h is Snapshot => h.kind === 'snapshot' && h.progress !== undefined,
  );
  const at = (props.now ?? new Date()).toISOString();
  const last = points[points.length - 1];
  if (props.current && (!last || day(last.at) < day(at))) {
    points.push({ kind: 'snapshot', at, progress: props.current, live: true });
  }
  return points;
}

/**
 * Done, remaining and overdue entities per daily snapshot, as an SVG line
 * chart with a table of the same numbers for screen readers.
 */
export function CampaignProgressChart(props: {
  history: CampaignHistoryEvent[];
  /** The counts now: drawn as today's point until today's snapshot exists. */
  current?: CampaignCounts;
  now?: Date;
}) {
  const classes = useStyles();
  const points = withToday(props);
  if (points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No progress snapshots yet: one is recorded every day.
      </Typography>
    );
  }
  return (
    <div>
      <ChartSvg points={points} />
      <div className={classes.legend} aria-hidden>
        {SERIES.map(series => (
          <Typography key={series} variant="caption">
            <svg width={12} height={4}>
              <line className={classes[series]} x1={0} y1={2} x2={12} y2={2} />
            </svg>{' '}
            {series}
          </Typography>
        ))}
      </div>
      <ChartTable points={points} />
    </div>
  );
}
