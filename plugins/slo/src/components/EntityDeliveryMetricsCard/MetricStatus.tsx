import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DeliveryMetric } from '@gatekeeper/plugin-slo-common';
import { sloPalette } from '../common/palette';

const useStyles = makeStyles(theme => ({
  met: { color: sloPalette(theme).band.green.text, fontWeight: 600 },
  missed: { color: sloPalette(theme).band.red.text, fontWeight: 600 },
}));

/** Met / not met in words and a glyph (colour only repeats them). */
export function MetricStatus(props: { metric: DeliveryMetric }) {
  const classes = useStyles();
  const { met } = props.metric;
  if (met === undefined) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.metric.target === undefined ? 'no target' : 'no data'}
      </Typography>
    );
  }
  return (
    <Typography
      variant="body2"
      className={met ? classes.met : classes.missed}
      data-testid="delivery-met"
    >
      <span aria-hidden="true">{met ? '✓ ' : '✗ '}</span>
      {met ? 'Met' : 'Not met'}
    </Typography>
  );
}
