import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { BurnRateAlert, parseDuration } from '@gatekeeper/plugin-slo-common';
import {
  formatBurnRate,
  formatDuration,
  formatPercent,
  ScrollRegion,
  sloPalette,
} from '../common';

const useStyles = makeStyles(theme => {
  const { firing } = sloPalette(theme);
  return {
    firing: {
      // `&&` wins over the striped rows of the Backstage table theme.
      '&&': { backgroundColor: firing.background },
    },
    over: {
      color: firing.text,
      fontWeight: 600,
    },
    table: {
      '& th, & td': { whiteSpace: 'nowrap' },
    },
    visuallyHidden: {
      position: 'absolute',
      width: 1,
      height: 1,
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
    },
  };
});

/**
 * Time for the whole window budget to be spent at a burn rate, i.e.
 * window / rate (undefined when the window cannot be parsed).
 */
export function exhaustionAtRate(
  windowDuration: string,
  rate: number,
): number | undefined {
  if (!(rate > 0)) {
    return undefined;
  }
  try {
    return parseDuration(windowDuration) / rate;
  } catch {
    return undefined;
  }
}

/**
 * Formats an alert window for humans: `56m`, `5h 36m`, `2d 19h`. The backend
 * scales the workbook windows to the SLO window (28d gives 56m instead of
 * 1h), so raw strings like `4032m` are normalised. Unparseable values are
 * shown as they are.
 */
export function formatWindow(window: string): string {
  try {
    return formatDuration(parseDuration(window));
  } catch {
    return window;
  }
}

/** A burn rate, marked (not only coloured) when it reaches the threshold. */
function BurnRate(props: { rate: number; threshold: number }) {
  const classes = useStyles();
  const over = props.rate >= props.threshold;
  return (
    <span className={over ? classes.over : undefined}>
      {formatBurnRate(props.rate)}
      {over && (
        <>
          {' '}
          <span aria-hidden>▲</span>
          <span className={classes.visuallyHidden}>(at or over threshold)</span>
        </>
      )}
    </span>
  );
}

function BurnRateRow(props: { alert: BurnRateAlert; windowDuration: string }) {
  const { alert, windowDuration } = props;
  const classes = useStyles();
  return (
    <TableRow
      className={alert.firing ? classes.firing : undefined}
      data-testid="slo-burn-rate-row"
      data-firing={alert.firing ? 'true' : 'false'}
    >
      <TableCell>{alert.severity}</TableCell>
      <TableCell>
        {formatWindow(alert.longWindow)} / {formatWindow(alert.shortWindow)}
      </TableCell>
      <TableCell align="right">
        {formatBurnRate(alert.burnRateThreshold)}
      </TableCell>
      <TableCell align="right">
        <BurnRate
          rate={alert.longBurnRate}
          threshold={alert.burnRateThreshold}
        />
      </TableCell>
      <TableCell align="right">
        <BurnRate
          rate={alert.shortBurnRate}
          threshold={alert.burnRateThreshold}
        />
      </TableCell>
      <TableCell align="right">
        {formatPercent(alert.budgetConsumptionPercent)}
      </TableCell>
      <TableCell align="right">
        {formatDuration(
          exhaustionAtRate(windowDuration, alert.burnRateThreshold),
        )}
      </TableCell>
      <TableCell>
        <Typography
          variant="body2"
          className={alert.firing ? classes.over : undefined}
        >
          {alert.firing ? 'Firing' : 'OK'}
        </Typography>
      </TableCell>
    </TableRow>
  );
}

/**
 * Multi-window multi-burn-rate alert table in the style of Pyrra: one row per
 * rule with its windows, threshold, current burn rates and firing state. It
 * scrolls sideways in a region that takes the keyboard focus.
 */
export function BurnRateTable(props: {
  alerts: BurnRateAlert[];
  windowDuration: string;
}) {
  const { alerts, windowDuration } = props;
  const classes = useStyles();
  if (alerts.length === 0) {
    return (
      <Typography color="textSecondary">
        No burn-rate alerts are defined for this SLO.
      </Typography>
    );
  }
  return (
    <ScrollRegion label="Burn-rate alerts">
      <Table
        size="small"
        className={classes.table}
        data-testid="slo-burn-rate-table"
      >
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Long / short window</TableCell>
            <TableCell align="right">Threshold</TableCell>
            <TableCell align="right">Long burn</TableCell>
            <TableCell align="right">Short burn</TableCell>
            <TableCell align="right">Budget consumption</TableCell>
            <TableCell align="right">Exhaustion</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {alerts.map(alert => (
            <BurnRateRow
              key={`${alert.severity}-${alert.longWindow}-${alert.shortWindow}`}
              alert={alert}
              windowDuration={windowDuration}
            />
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}
