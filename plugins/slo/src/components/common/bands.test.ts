import { bandLabels, budgetBand } from './bands';

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

  it('has a distinct label per band', () => {
    expect(new Set(Object.values(bandLabels)).size).toBe(4);
  });
});
