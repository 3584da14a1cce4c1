import LinearProgress from '@material-ui/core/LinearProgress';
import { withStyles } from '@material-ui/core/styles';
import { BudgetBand, bandColors } from './bands';

// `&&` doubles the class selector so these rules win over the palette
// colours of LinearProgress whatever order the style sheets load in.
function bandGauge(color: string) {
  return withStyles({
    root: {
      '&&': {
        height: 10,
        borderRadius: 5,
        backgroundColor: 'rgba(128, 128, 128, 0.25)',
      },
    },
    bar: { '&&': { borderRadius: 5, backgroundColor: color } },
  })(LinearProgress);
}

const gauges: Record<BudgetBand, ReturnType<typeof bandGauge>> = {
  green: bandGauge(bandColors.green),
  amber: bandGauge(bandColors.amber),
  red: bandGauge(bandColors.red),
  exhausted: bandGauge(bandColors.exhausted),
};

/** A linear gauge of the remaining error budget, coloured by its band. */
export function BudgetGauge(props: {
  remainingPercent: number;
  band: BudgetBand;
  label: string;
}) {
  const { remainingPercent, band, label } = props;
  const Gauge = gauges[band];
  const clamped = Math.min(100, Math.max(0, remainingPercent));
  return (
    <Gauge
      variant="determinate"
      value={Number.isFinite(clamped) ? clamped : 0}
      aria-label={label}
      data-testid="slo-budget-gauge"
      data-band={band}
    />
  );
}
