import { createTheme } from '@material-ui/core/styles';
import { render, screen } from '@testing-library/react';
import { scorecardPalette } from './palette';
import { formatDateTime, formatValue } from './format';
import { ScoreSparkline, StatusSparkline } from './Sparkline';

describe('format', () => {
  it('formats timestamps in UTC', () => {
    expect(formatDateTime('2026-11-20T10:15:42.123Z')).toBe(
      '2026-11-20 10:15 UTC',
    );
    expect(formatDateTime(undefined)).toBe('never');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('formats fact values', () => {
    expect(formatValue(undefined)).toBe('missing');
    expect(formatValue(null)).toBe('null');
    expect(formatValue('main')).toBe('main');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(82.456)).toBe('82.46');
    expect(formatValue(false)).toBe('false');
    expect(formatValue(['a', 'b'])).toBe('["a","b"]');
  });
});

describe('sparklines', () => {
  it('splits the score line at gaps', () => {
    const { container } = render(
      <ScoreSparkline values={[10, undefined, 50, 70]} />,
    );
    expect(container.querySelectorAll('polyline')).toHaveLength(2);
    expect(screen.getByRole('img')).toHaveAttribute(
      'aria-label',
      'Score history: 10, n/a, 50, 70',
    );
    expect(container.querySelectorAll('circle')).toHaveLength(1);
  });

  it('draws a single point and nothing for no values', () => {
    const { container, rerender } = render(<ScoreSparkline values={[42]} />);
    expect(container.querySelector('circle')).toHaveAttribute('cx', '60');
    rerender(<ScoreSparkline values={[undefined]} />);
    expect(container.querySelectorAll('polyline, circle')).toHaveLength(0);
  });

  it('draws one block per status', () => {
    const { container } = render(
      <StatusSparkline statuses={['pass', undefined, 'fail']} />,
    );
    const rects = container.querySelectorAll('rect');
    expect(rects).toHaveLength(3);
    // no theme provider: MUI's default theme
    const theme = createTheme();
    const { status } = scorecardPalette(theme);
    expect(rects[0]).toHaveAttribute('fill', status.pass.fill);
    expect(rects[1]).toHaveAttribute('fill', theme.palette.divider);
    expect(rects[2]).toHaveAttribute('fill', status.fail.fill);
    expect(status.pass.fill).not.toBe(status.fail.fill);
    expect([...rects].map(r => r.textContent)).toEqual([
      'Pass',
      'Not evaluated',
      'Fail',
    ]);
  });
});
