import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import { BudgetBand, bandColors } from './bands';

const useStyles = makeStyles({
  root: {
    height: 10,
    borderRadius: 5,
    backgroundColor: 'rgba(128, 128, 128, 0.25)',
  },
  bar: {
    borderRadius: 5,
    backgroundColor: (props: { band: BudgetBand }) => bandColors[props.band],
  },
});

/** A linear gauge of the remaining error budget, coloured by its band. */
export function BudgetGauge(props: {
  remainingPercent: number;
  band: BudgetBand;
  label: string;
}) {
  const { remainingPercent, band, label } = props;
  const classes = useStyles({ band });
  const clamped = Math.min(100, Math.max(0, remainingPercent));
  return (
    <LinearProgress
      variant="determinate"
      value={Number.isFinite(clamped) ? clamped : 0}
      aria-label={label}
      classes={{ root: classes.root, bar: classes.bar }}
      data-testid="slo-budget-gauge"
    />
  );
}
