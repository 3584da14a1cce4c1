import { makeIncident, makeSlo } from '../../__testUtils__/fixtures';
import {
  MAX_LINE_POINTS,
  MAX_MARKERS,
  buildBurnDownModel,
  defaultDimensions,
} from './burnDownModel';

const dims = {
  width: 400,
  height: 200,
  margin: { top: 0, right: 0, bottom: 0, left: 0 },
};

describe('buildBurnDownModel', () => {
  const series = makeSlo().series; // 4 daily points: 100, 90, 70, 62.5

  it('scales time onto x and remaining percent onto y', () => {
    const model = buildBurnDownModel(series, [], dims);
    expect(model.points.map(p => Math.round(p.x))).toEqual([0, 133, 267, 400]);
    // y domain 0..100 onto 200..0
    expect(model.points.map(p => p.y)).toEqual([0, 20, 60, 75]);
    expect(model.path).toBe('M0,0 L133.3,20 L266.7,60 L400,75');
    expect(model.zeroY).toBe(200);
    expect(model.yTicks.map(t => t.value)).toEqual([0, 25, 50, 75, 100]);
    expect(model.xTicks).toHaveLength(5);
  });

  it('sorts unsorted series and extends the y axis for overspent budgets', () => {
    const model = buildBurnDownModel(
      [{ ...series[1], remainingPercent: -50 }, series[0]],
      [],
      dims,
    );
    expect(model.points[0].point.t).toBe(series[0].t);
    expect(model.yTicks.map(t => t.value)).toEqual([
      -50, -25, 0, 25, 50, 75, 100,
    ]);
    expect(model.zeroY).toBeCloseTo((100 / 150) * 200);
  });

  it('shades incidents over their interval, open ones up to the end', () => {
    const resolved = makeIncident({
      startedAt: '2026-11-21T00:00:00Z',
      resolvedAt: '2026-11-21T12:00:00Z',
    });
    const open = makeIncident({
      id: 'inc-open',
      status: 'triggered',
      startedAt: '2026-11-22T12:00:00Z',
      resolvedAt: undefined,
    });
    const before = makeIncident({
      id: 'inc-old',
      startedAt: '2026-11-01T00:00:00Z',
      resolvedAt: '2026-11-02T00:00:00Z',
    });
    const model = buildBurnDownModel(series, [resolved, open, before], dims);
    expect(model.overlays.map(o => o.incident.id)).toEqual([
      'inc-1',
      'inc-open',
    ]);
    const [r, o] = model.overlays;
    expect(Math.round(r.x)).toBe(133);
    expect(Math.round(r.width)).toBe(67); // half a day of three
    expect(r.open).toBe(false);
    expect(o.open).toBe(true);
    expect(Math.round(o.x + o.width)).toBe(400);
  });

  it('gives very short incidents a visible minimum width', () => {
    const model = buildBurnDownModel(
      series,
      [
        makeIncident({
          startedAt: '2026-11-23T00:00:00Z',
          resolvedAt: '2026-11-23T00:00:01Z',
        }),
      ],
      dims,
    );
    expect(model.overlays[0].width).toBe(3);
    expect(model.overlays[0].x).toBe(397);
  });

  it('handles an empty series without overlays', () => {
    const model = buildBurnDownModel([], [makeIncident()]);
    expect(model.path).toBe('');
    expect(model.overlays).toEqual([]);
    expect(model.plot.left).toBe(defaultDimensions.margin.left);
  });
});

describe('buildBurnDownModel with a 30 day window at 5 minute steps', () => {
  it('draws at most MAX_LINE_POINTS and MAX_MARKERS tooltips', () => {
    const start = Date.parse('2026-10-25T00:00:00Z');
    const series = Array.from({ length: 8640 }, (_, i) => ({
      t: new Date(start + i * 300_000).toISOString(),
      remainingPercent: 100 - i / 100,
      attainment: 0.999,
      burnRate: 1,
    }));
    const model = buildBurnDownModel(series, []);
    expect(model.points.length).toBeLessThanOrEqual(MAX_LINE_POINTS);
    expect(model.markers).toHaveLength(MAX_MARKERS);
    expect(model.points[0].point.t).toBe(series[0].t);
    expect(model.points[model.points.length - 1].point.t).toBe(series[8639].t);
    expect(model.path.split(' ')).toHaveLength(model.points.length);
  });
});
