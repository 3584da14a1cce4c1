import { exhaustionAtRate, formatWindow } from './BurnRateTable';

describe('burn-rate table helpers', () => {
  it('normalises scaled alert windows', () => {
    expect(formatWindow('1h')).toBe('1h');
    expect(formatWindow('56m')).toBe('56m');
    expect(formatWindow('280s')).toBe('4m 40s');
    expect(formatWindow('336m')).toBe('5h 36m');
    expect(formatWindow('4032m')).toBe('2d 19h');
    expect(formatWindow('weird')).toBe('weird');
  });

  it('computes the time to spend the whole budget at a rate', () => {
    expect(exhaustionAtRate('30d', 14.4)).toBe(50 * 3600);
    expect(exhaustionAtRate('28d', 1)).toBe(28 * 86400);
    expect(exhaustionAtRate('30d', 0)).toBeUndefined();
    expect(exhaustionAtRate('bad', 2)).toBeUndefined();
  });
});
