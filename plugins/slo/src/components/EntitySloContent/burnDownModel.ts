import { Incident, SloSeriesPoint } from '@gatekeeper/plugin-slo-common';
import {
  budgetDomain,
  clampInterval,
  downsample,
  linePath,
  sampleEvenly,
  linearScale,
  ticks,
} from '../common/chartScale';

export interface ChartDimensions {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const defaultDimensions: ChartDimensions = {
  width: 720,
  height: 240,
  margin: { top: 12, right: 16, bottom: 40, left: 56 },
};

export interface IncidentOverlay {
  incident: Incident;
  x: number;
  width: number;
  /** True while the incident is still open (drawn up to the chart end). */
  open: boolean;
}

export interface ChartPoint {
  x: number;
  y: number;
  point: SloSeriesPoint;
}

export interface BurnDownModel {
  path: string;
  /** Points the line is drawn through (downsampled for long series). */
  points: ChartPoint[];
  /** A few evenly spaced points carrying tooltips. */
  markers: ChartPoint[];
  yTicks: Array<{ y: number; value: number }>;
  xTicks: Array<{ x: number; time: number }>;
  /** Pixel y of the 0 % line (budget exhausted). */
  zeroY: number;
  overlays: IncidentOverlay[];
  plot: { left: number; right: number; top: number; bottom: number };
}

/** Smallest width of an incident overlay so short incidents stay visible. */
const MIN_OVERLAY_WIDTH = 3;
/** At most this many points are drawn (a 30d window at 5m steps has 8640). */
export const MAX_LINE_POINTS = 800;
/** At most this many points get a tooltip marker. */
export const MAX_MARKERS = 60;

/**
 * Computes the geometry of the remaining-budget chart: the line through the
 * series, axis ticks, and one shaded interval per incident inside the
 * series' time range.
 */
export function buildBurnDownModel(
  series: SloSeriesPoint[],
  incidents: Incident[],
  dims: ChartDimensions = defaultDimensions,
): BurnDownModel {
  const plot = {
    left: dims.margin.left,
    right: dims.width - dims.margin.right,
    top: dims.margin.top,
    bottom: dims.height - dims.margin.bottom,
  };
  const parsed = series
    .map(point => ({ point, time: Date.parse(point.t) }))
    .filter(p => Number.isFinite(p.time))
    .sort((a, b) => a.time - b.time);
  const times = parsed.map(p => p.time);
  const timeDomain: [number, number] =
    times.length > 0 ? [times[0], times[times.length - 1]] : [0, 1];
  const x = linearScale(timeDomain, [plot.left, plot.right]);
  const yDomain = budgetDomain(parsed.map(p => p.point.remainingPercent));
  const y = linearScale(yDomain, [plot.bottom, plot.top]);

  const points = downsample(
    parsed,
    MAX_LINE_POINTS,
    p => p.point.remainingPercent,
  ).map(p => ({
    x: x(p.time),
    y: y(p.point.remainingPercent),
    point: p.point,
  }));

  const overlays: IncidentOverlay[] = [];
  if (times.length > 0) {
    for (const incident of incidents) {
      const start = Date.parse(incident.startedAt);
      if (!Number.isFinite(start)) {
        continue;
      }
      const resolved = incident.resolvedAt
        ? Date.parse(incident.resolvedAt)
        : NaN;
      const open = !Number.isFinite(resolved);
      const end = open ? timeDomain[1] : resolved;
      const clamped = clampInterval(start, Math.max(start, end), timeDomain);
      if (!clamped) {
        continue;
      }
      const x0 = x(clamped[0]);
      const width = Math.max(MIN_OVERLAY_WIDTH, x(clamped[1]) - x0);
      overlays.push({
        incident,
        x: Math.min(x0, plot.right - width),
        width,
        open,
      });
    }
  }

  const yTickCount = (yDomain[1] - yDomain[0]) / 25 + 1;
  return {
    path: linePath(points.map(p => [p.x, p.y])),
    points,
    markers: sampleEvenly(points, MAX_MARKERS),
    yTicks: ticks(yDomain, yTickCount).map(value => ({ value, y: y(value) })),
    xTicks:
      times.length > 1
        ? ticks(timeDomain, 5).map(time => ({ time, x: x(time) }))
        : times.map(time => ({ time, x: x(time) })),
    zeroY: y(0),
    overlays,
    plot,
  };
}
