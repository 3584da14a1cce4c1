/** Colour band of a remaining error budget. */
export type BudgetBand = 'green' | 'amber' | 'red' | 'exhausted';

/**
 * Chooses the colour band of a remaining budget percentage:
 * green above 50 %, amber from 20 % to 50 %, red below 20 % and
 * exhausted at or below 0 %.
 */
export function budgetBand(remainingPercent: number): BudgetBand {
  if (!Number.isFinite(remainingPercent) || remainingPercent <= 0) {
    return 'exhausted';
  }
  if (remainingPercent < 20) {
    return 'red';
  }
  if (remainingPercent <= 50) {
    return 'amber';
  }
  return 'green';
}

/** Display colours of the bands (work on light and dark themes). */
export const bandColors: Record<BudgetBand, string> = {
  green: '#2e7d32',
  amber: '#ed8c00',
  red: '#d32f2f',
  exhausted: '#212121',
};

export const bandLabels: Record<BudgetBand, string> = {
  green: 'Healthy',
  amber: 'Watch',
  red: 'Critical',
  exhausted: 'Exhausted',
};

/**
 * Text colour of a band: the band colour, except for the exhausted band on a
 * dark theme, where black text would be unreadable.
 */
export function bandTextColor(
  band: BudgetBand,
  paletteType: 'light' | 'dark',
): string {
  return band === 'exhausted' && paletteType === 'dark'
    ? '#ffffff'
    : bandColors[band];
}
