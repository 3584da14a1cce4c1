import {
  budgetDomain,
  clampInterval,
  downsample,
  linePath,
  linearScale,
  sampleEvenly,
  ticks,
} from './chartScale';

describe('chart scaling', () => {
  it('maps a domain linearly onto a range, including inverted ranges', () => {
    const x = linearScale([0, 10], [100, 200]);
    expect(x(0)).toBe(100);
    expect(x(5)).toBe(150);
    expect(x(10)).toBe(200);
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(75)).toBe(50);
    expect(y.domain).toEqual([0, 100]);
    expect(y.range).toEqual([200, 0]);
  });

  it('maps a degenerate domain to the middle of the range', () => {
    expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
  });

  it('keeps 0-100 % visible and extends for overspent budgets', () => {
    expect(budgetDomain([80, 60, 40])).toEqual([0, 100]);
    expect(budgetDomain([20, -30])).toEqual([-50, 100]);
    expect(budgetDomain([NaN, 120])).toEqual([0, 125]);
  });

  it('creates evenly spaced ticks', () => {
    expect(ticks([0, 100], 5)).toEqual([0, 25, 50, 75, 100]);
    expect(ticks([-50, 100], 7)).toEqual([-50, -25, 0, 25, 50, 75, 100]);
    expect(ticks([3, 3], 5)).toEqual([3]);
  });

  it('builds an SVG path rounded to 0.1 px', () => {
    expect(
      linePath([
        [0, 10],
        [5.04, 20.06],
      ]),
    ).toBe('M0,10 L5,20.1');
    expect(linePath([])).toBe('');
  });

  it('clamps intervals to the domain', () => {
    expect(clampInterval(5, 15, [0, 10])).toEqual([5, 10]);
    expect(clampInterval(-5, 3, [0, 10])).toEqual([0, 3]);
    expect(clampInterval(11, 15, [0, 10])).toBeUndefined();
    expect(clampInterval(-5, -1, [0, 10])).toBeUndefined();
  });
});

describe('downsampling', () => {
  const values = Array.from(
    { length: 10_000 },
    (_, i) => 50 + Math.sin(i / 100) * 10,
  );
  values[4321] = -80;
  values[7777] = 150;

  it('keeps short series unchanged', () => {
    expect(downsample([1, 2, 3], 10, v => v)).toEqual([1, 2, 3]);
  });

  it('bounds the size, keeps ends, extremes and order', () => {
    const reduced = downsample(
      values.map((v, i) => ({ v, i })),
      200,
      p => p.v,
    );
    expect(reduced.length).toBeLessThanOrEqual(200);
    expect(reduced.length).toBeGreaterThan(150);
    expect(reduced[0].i).toBe(0);
    expect(reduced[reduced.length - 1].i).toBe(9999);
    expect(reduced.map(p => p.v)).toContain(-80);
    expect(reduced.map(p => p.v)).toContain(150);
    const indexes = reduced.map(p => p.i);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });

  it('samples evenly including both ends', () => {
    expect(sampleEvenly([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([0, 4, 8]);
    expect(sampleEvenly([0, 1], 5)).toEqual([0, 1]);
    expect(sampleEvenly([0, 1, 2], 1)).toEqual([2]);
  });
});
