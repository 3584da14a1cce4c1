import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  GateEvidence,
  GateResult,
  GateStatus,
  GateWaiver,
  ScorecardHistoryPoint,
} from '@gatekeeper/plugin-scorecards-common';
import {
  capitalize,
  compareGates,
  formatDateTime,
  formatValue,
  LevelBadge,
  SeverityChip,
  StatusChip,
  StatusSparkline,
} from '../common';
import { FreshnessCell } from './FreshnessCell';

const useStyles = makeStyles(theme => ({
  evidence: {
    margin: 0,
    paddingLeft: theme.spacing(2),
    '& li': { marginBottom: theme.spacing(0.5) },
  },
  mono: { fontFamily: 'monospace' },
  cell: { verticalAlign: 'top' },
  head: { whiteSpace: 'nowrap' },
}));

const COLUMNS = [
  'Status',
  'Gate',
  'Severity',
  'Category',
  'Level',
  'Evidence',
  'Freshness',
  'Waiver',
  'History',
  'Remediation',
];
/** Requesting a waiver from the gate table (for callers allowed to). */
export interface GateWaiverRequesting {
  /** Whether a waiver can be requested for the gate now. */
  canRequest(gate: GateResult): boolean;
  onRequest(gate: GateResult): void;
}

function WaiverCell(props: {
  gate: GateResult;
  requesting?: GateWaiverRequesting;
}) {
  const { gate, requesting } = props;
  if (gate.waiver) return <WaiverInfo waiver={gate.waiver} />;
  if (requesting?.canRequest(gate)) {
    return (
      <Button
        size="small"
        variant="outlined"
        color="primary"
        onClick={() => requesting.onRequest(gate)}
        aria-label={`Request waiver for ${gate.title}`}
        data-testid="gate-request-waiver"
      >
        Request waiver
      </Button>
    );
  }
  return <>—</>;
}

/** Table of every gate of an entity. */
export function GateTable(props: {
  gates: GateResult[];
  history?: ScorecardHistoryPoint[];
  requesting?: GateWaiverRequesting;
}) {
  const { gates, history, requesting } = props;
  const classes = useStyles();
  const sorted = [...gates].sort(compareGates);
  return (
    <Table size="small" aria-label="Gates">
      <TableHead>
        <TableRow className={classes.head}>
          {COLUMNS.map(column => (
            <TableCell key={column}>{column}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map(gate => (
          <TableRow
            key={gate.gateId}
            data-testid="scorecard-gate-row"
            data-gate-id={gate.gateId}
            data-status={gate.status}
          >
            <TableCell className={classes.cell}>
              <StatusChip status={gate.status} />
            </TableCell>
            <TableCell className={classes.cell}>
              <Typography variant="body2">{gate.title}</Typography>
              <Typography
                variant="caption"
                color="textSecondary"
                className={classes.mono}
              >
                {gate.gateId}
              </Typography>
            </TableCell>
            <TableCell className={classes.cell}>
              <SeverityChip severity={gate.severity} />
            </TableCell>
            <TableCell className={classes.cell}>
              {capitalize(gate.category)}
            </TableCell>
            <TableCell className={classes.cell}>
              <LevelBadge level={gate.level} />
            </TableCell>
            <TableCell className={classes.cell}>
              <EvidenceList evidence={gate.evidence} />
            </TableCell>
            <TableCell className={classes.cell}>
              <FreshnessCell freshness={gate.freshness} />
            </TableCell>
            <TableCell className={classes.cell}>
              <WaiverCell gate={gate} requesting={requesting} />
            </TableCell>
            <TableCell className={classes.cell}>
              {history && history.length > 0 ? (
                <StatusSparkline
                  statuses={history.map(
                    p => p.gates[gate.gateId] as GateStatus | undefined,
                  )}
                  label={`${gate.title} history`}
                />
              ) : (
                '—'
              )}
            </TableCell>
            <TableCell className={classes.cell}>
              <Link to={gate.remediation}>How to fix</Link>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function EvidenceList(props: { evidence: GateEvidence[] }) {
  const classes = useStyles();
  if (props.evidence.length === 0) {
    return <Typography variant="caption">No evidence</Typography>;
  }
  return (
    <ul className={classes.evidence} data-testid="gate-evidence">
      {props.evidence.map((e, i) => (
        <li key={`${e.fact}-${i}`}>
          <Typography variant="body2">
            <span className={classes.mono}>{e.fact}</span> ={' '}
            <strong>{formatValue(e.value)}</strong>
          </Typography>
          <Typography variant="body2">{e.message}</Typography>
          <Typography variant="caption" color="textSecondary">
            {e.observedAt
              ? `observed ${formatDateTime(e.observedAt)}`
              : 'not observed'}
            {e.source ? ` · source ${e.source}` : ''}
            {e.commit ? ' · commit ' : ''}
            {e.commit ? (
              <span className={classes.mono} title={e.commit}>
                {e.commit.slice(0, 12)}
              </span>
            ) : null}
            {e.runUrl && /^https?:\/\//i.test(e.runUrl) ? (
              <>
                {' · '}
                <Link to={e.runUrl} data-testid="evidence-run-link">
                  CI run
                </Link>
              </>
            ) : null}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/** Waivers expiring within this many days are highlighted. */
const WAIVER_WARNING_DAYS = 14;

/** Where a waiver comes from, in words. */
function waiverOrigin(waiver: GateWaiver): string {
  switch (waiver.source) {
    case 'annotation':
      return 'as code (annotation)';
    case 'file':
      return 'as code (waivers file)';
    case 'request':
      return 'approved request';
    default:
      return waiver.source;
  }
}

function WaiverInfo(props: { waiver: GateWaiver }) {
  const { waiver } = props;
  const msLeft = new Date(waiver.expiresAt).getTime() - Date.now();
  const daysLeft = Math.max(0, Math.ceil(msLeft / 86_400_000));
  const expiringSoon =
    Number.isFinite(msLeft) && msLeft < WAIVER_WARNING_DAYS * 86_400_000;
  return (
    <Box data-testid="gate-waiver" data-waiver-source={waiver.source}>
      <Typography variant="body2">{waiver.reason}</Typography>
      <Typography variant="caption" component="div">
        Waiver {waiverOrigin(waiver)}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        approved by {waiver.approver}
      </Typography>
      <Typography
        variant="caption"
        color={expiringSoon ? 'error' : 'textSecondary'}
        component="div"
        data-testid="gate-waiver-expiry"
        data-expiring-soon={expiringSoon ? 'true' : 'false'}
      >
        expires {formatDateTime(waiver.expiresAt)}
        {expiringSoon && ` · in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`}
      </Typography>
    </Box>
  );
}
