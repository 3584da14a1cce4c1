import { bandColors, bandTextColor, budgetBand } from './bands';

describe('budgetBand', () => {
  it.each([
    [100, 'green'],
    [50.01, 'green'],
    [50, 'amber'],
    [35, 'amber'],
    [20, 'amber'],
    [19.99, 'red'],
    [0.5, 'red'],
    [0, 'exhausted'],
    [-40, 'exhausted'],
    [NaN, 'exhausted'],
  ])('puts %p%% remaining in the %p band', (percent, band) => {
    expect(budgetBand(percent)).toBe(band);
  });

  it('has a distinct colour per band', () => {
    expect(new Set(Object.values(bandColors)).size).toBe(4);
  });
});

describe('bandTextColor', () => {
  it('keeps exhausted text readable on dark themes', () => {
    expect(bandTextColor('exhausted', 'light')).toBe(bandColors.exhausted);
    expect(bandTextColor('exhausted', 'dark')).toBe('#ffffff');
    expect(bandTextColor('red', 'dark')).toBe(bandColors.red);
  });
});
