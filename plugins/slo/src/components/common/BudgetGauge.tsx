import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import { BudgetBand } from './bands';
import { sloPalette } from './palette';

// `&&` doubles the class selector so these rules win over the palette
// colours of LinearProgress whatever order the style sheets load in.
const useStyles = makeStyles(theme => ({
  root: {
    '&&': {
      height: 10,
      borderRadius: 5,
      backgroundColor: theme.palette.divider,
    },
  },
  bar: {
    '&&': { borderRadius: 5 },
    // the band's text tone: at least 3:1 against the card (WCAG 1.4.11)
    backgroundColor: (p: { band: BudgetBand }) =>
      sloPalette(theme).band[p.band].text,
  },
}));

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
      classes={{ root: classes.root, bar: classes.bar }}
      variant="determinate"
      value={Number.isFinite(clamped) ? clamped : 0}
      aria-label={label}
      data-testid="slo-budget-gauge"
      data-band={band}
    />
  );
}
