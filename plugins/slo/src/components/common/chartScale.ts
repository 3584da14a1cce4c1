/** A linear mapping from a data domain onto a pixel range. */
export interface LinearScale {
  (value: number): number;
  domain: [number, number];
  range: [number, number];
}

/**
 * Creates a linear scale. A degenerate domain (min === max) maps every value
 * to the middle of the range instead of dividing by zero.
 */
export function linearScale(
  domain: [number, number],
  range: [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((value: number) =>
    span === 0
      ? (r0 + r1) / 2
      : r0 + ((value - d0) / span) * (r1 - r0)) as LinearScale;
  scale.domain = [d0, d1];
  scale.range = [r0, r1];
  return scale;
}

/**
 * The y domain of a remaining-budget chart: always shows 0-100 %, extended
 * downwards when the budget is overspent, rounded out to a multiple of 25.
 */
export function budgetDomain(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const min = Math.min(0, ...finite);
  const max = Math.max(100, ...finite);
  return [Math.floor(min / 25) * 25, Math.ceil(max / 25) * 25];
}

/** Evenly spaced ticks including both ends of the domain. */
export function ticks(domain: [number, number], count: number): number[] {
  const [d0, d1] = domain;
  if (count < 2 || d0 === d1) {
    return [d0];
  }
  const step = (d1 - d0) / (count - 1);
  return Array.from({ length: count }, (_, i) => d0 + i * step);
}

/** SVG path (`M x,y L x,y ...`) through the given points, rounded to 0.1 px. */
export function linePath(points: Array<[number, number]>): string {
  return points
    .map(
      ([x, y], i) =>
        `${i === 0 ? 'M' : 'L'}${Math.round(x * 10) / 10},${
          Math.round(y * 10) / 10
        }`,
    )
    .join(' ');
}

/**
 * Clamps an interval [start, end] to the domain; returns undefined when it
 * lies completely outside.
 */
export function clampInterval(
  start: number,
  end: number,
  domain: [number, number],
): [number, number] | undefined {
  const [d0, d1] = domain;
  if (end < d0 || start > d1) {
    return undefined;
  }
  return [Math.max(start, d0), Math.min(end, d1)];
}

/**
 * Reduces a long series to at most `maxPoints` items for drawing, keeping the
 * first and last item and the minimum and maximum of every bucket (so dips
 * and spikes survive), in their original order.
 */
export function downsample<T>(
  items: T[],
  maxPoints: number,
  value: (item: T) => number,
): T[] {
  if (items.length <= maxPoints || maxPoints < 4) {
    return items;
  }
  const inner = items.length - 2;
  const buckets = Math.floor((maxPoints - 2) / 2);
  const result: T[] = [items[0]];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (to <= from) {
      continue;
    }
    let minIndex = from;
    let maxIndex = from;
    for (let i = from; i < to; i++) {
      if (value(items[i]) < value(items[minIndex])) {
        minIndex = i;
      }
      if (value(items[i]) > value(items[maxIndex])) {
        maxIndex = i;
      }
    }
    const first = Math.min(minIndex, maxIndex);
    const second = Math.max(minIndex, maxIndex);
    result.push(items[first]);
    if (second !== first) {
      result.push(items[second]);
    }
  }
  result.push(items[items.length - 1]);
  return result;
}

/** Picks `count` evenly spaced items (always including first and last). */
export function sampleEvenly<T>(items: T[], count: number): T[] {
  if (items.length <= count) {
    return items;
  }
  if (count <= 1) {
    return items.slice(-1);
  }
  return Array.from(
    { length: count },
    (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))],
  );
}
