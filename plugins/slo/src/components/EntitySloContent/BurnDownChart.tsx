import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { Incident, SloSeriesPoint } from '@gatekeeper/plugin-slo-common';
import { formatPercent, formatRatio, formatTimestamp } from '../common';
import { buildBurnDownModel, defaultDimensions } from './burnDownModel';

function shortDate(time: number, spanMs: number): string {
  const iso = new Date(time).toISOString();
  // Under two days show the time of day, otherwise the date.
  return spanMs < 2 * 86400_000 ? iso.slice(11, 16) : iso.slice(5, 10);
}

function incidentTitle(incident: Incident): string {
  const end = incident.resolvedAt
    ? formatTimestamp(incident.resolvedAt)
    : 'ongoing';
  const consumed =
    incident.budgetConsumedPercent !== undefined
      ? `, consumed ${formatPercent(
          incident.budgetConsumedPercent,
        )} of the budget`
      : '';
  return `${incident.severity} ${incident.title}: ${formatTimestamp(
    incident.startedAt,
  )} – ${end}${consumed}`;
}

type Model = ReturnType<typeof buildBurnDownModel>;
type Dimensions = typeof defaultDimensions;

const useStyles = makeStyles(theme => ({
  chart: {
    maxHeight: defaultDimensions.height * 1.5,
    fontFamily: theme.typography.fontFamily,
  },
}));

/** The incidents, shaded over the intervals they were open. */
function IncidentOverlays(props: { model: Model }) {
  const theme = useTheme();
  const { plot } = props.model;
  return (
    <>
      {props.model.overlays.map(overlay => (
        <rect
          key={overlay.incident.id}
          x={overlay.x}
          y={plot.top}
          width={overlay.width}
          height={plot.bottom - plot.top}
          fill={theme.palette.error.main}
          fillOpacity={overlay.open ? 0.25 : 0.15}
          data-testid="slo-incident-overlay"
          data-incident={overlay.incident.id}
        >
          <title>{incidentTitle(overlay.incident)}</title>
        </rect>
      ))}
    </>
  );
}

/** Horizontal grid lines with their labels; the 0% line is dashed red. */
function YTicks(props: { model: Model }) {
  const { model } = props;
  const { plot } = model;
  const theme = useTheme();
  const text = theme.palette.text.secondary;
  return (
    <>
      {model.yTicks.map(tick => (
        <g key={`y-${tick.value}`}>
          <line
            x1={plot.left}
            x2={plot.right}
            y1={tick.y}
            y2={tick.y}
            stroke={
              tick.value === 0
                ? theme.palette.error.main
                : theme.palette.divider
            }
            strokeDasharray={tick.value === 0 ? '4 3' : undefined}
          />
          <text
            x={plot.left - 6}
            y={tick.y}
            textAnchor="end"
            dominantBaseline="middle"
            fontSize={11}
            fill={text}
          >
            {`${tick.value}%`}
          </text>
        </g>
      ))}
    </>
  );
}

/** Grid lines, tick labels, axes and axis titles. */
function Axes(props: { model: Model; dims: Dimensions }) {
  const { model, dims } = props;
  const { plot } = model;
  const theme = useTheme();
  const text = theme.palette.text.secondary;
  const span =
    model.xTicks.length > 1
      ? model.xTicks[model.xTicks.length - 1].time - model.xTicks[0].time
      : 0;
  return (
    <>
      <YTicks model={model} />
      {model.xTicks.map(tick => (
        <text
          key={`x-${tick.time}`}
          x={tick.x}
          y={plot.bottom + 16}
          textAnchor="middle"
          fontSize={11}
          fill={text}
        >
          {shortDate(tick.time, span)}
        </text>
      ))}
      <line
        x1={plot.left}
        x2={plot.right}
        y1={plot.bottom}
        y2={plot.bottom}
        stroke={text}
      />
      <line
        x1={plot.left}
        x2={plot.left}
        y1={plot.top}
        y2={plot.bottom}
        stroke={text}
      />
      <text
        x={(plot.left + plot.right) / 2}
        y={dims.height - 4}
        textAnchor="middle"
        fontSize={11}
        fill={text}
      >
        Time (UTC)
      </text>
      <text
        transform={`translate(12 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
        fontSize={11}
        fill={text}
      >
        Budget remaining
      </text>
    </>
  );
}

/** The remaining budget as a line with a marker per point. */
function BudgetLine(props: { model: Model }) {
  const { model } = props;
  const line = useTheme().palette.primary.main;
  return (
    <>
      <path
        d={model.path}
        fill="none"
        stroke={line}
        strokeWidth={2}
        data-testid="slo-burndown-line"
      />
      {model.markers.map(p => (
        <circle
          key={p.point.t}
          cx={p.x}
          cy={p.y}
          r={model.markers.length > 30 ? 1.5 : 2.5}
          fill={line}
        >
          <title>
            {`${formatTimestamp(p.point.t)}: ${formatPercent(
              p.point.remainingPercent,
            )} budget remaining, attainment ${formatRatio(
              p.point.attainment,
            )}, burn rate ${p.point.burnRate.toFixed(2)}x`}
          </title>
        </circle>
      ))}
    </>
  );
}

/**
 * Remaining error budget over time as an inline SVG line chart, with the
 * entity's incidents shaded over the intervals they were open.
 */
export function BurnDownChart(props: {
  series: SloSeriesPoint[];
  incidents: Incident[];
  title: string;
}) {
  const { series, incidents, title } = props;
  const classes = useStyles();
  if (series.length === 0) {
    return (
      <Typography color="textSecondary" data-testid="slo-burndown-empty">
        No budget history yet.
      </Typography>
    );
  }
  const dims = defaultDimensions;
  const model = buildBurnDownModel(series, incidents, dims);
  return (
    <svg
      viewBox={`0 0 ${dims.width} ${dims.height}`}
      width="100%"
      role="img"
      aria-label={`${title}: error budget remaining over time`}
      data-testid="slo-burndown-chart"
      className={classes.chart}
    >
      <title>{`${title}: error budget remaining over time`}</title>
      <IncidentOverlays model={model} />
      <Axes model={model} dims={dims} />
      <BudgetLine model={model} />
    </svg>
  );
}
