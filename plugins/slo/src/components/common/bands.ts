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

export const bandLabels: Record<BudgetBand, string> = {
  green: 'Healthy',
  amber: 'Watch',
  red: 'Critical',
  exhausted: 'Exhausted',
};
