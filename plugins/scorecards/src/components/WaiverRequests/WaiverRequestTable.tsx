import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { WaiverRequest } from '@gatekeeper/plugin-scorecards-common';
import { ReactNode } from 'react';
import { formatDateTime } from '../common';
import { WaiverStateChip } from './WaiverStateChip';

const useStyles = makeStyles({
  cell: { verticalAlign: 'top' },
  mono: { fontFamily: 'monospace' },
  reason: { whiteSpace: 'pre-wrap', maxWidth: '32em' },
});

/** Table of waiver requests; `actions` renders the last column when given. */
export function WaiverRequestTable(props: {
  items: WaiverRequest[];
  label: string;
  showEntity?: boolean;
  actions?: (request: WaiverRequest) => ReactNode;
}) {
  const { items, label, showEntity, actions } = props;
  const classes = useStyles();
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>State</TableCell>
          {showEntity && <TableCell>Entity</TableCell>}
          <TableCell>Gate</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Waiver ends</TableCell>
          <TableCell>Requested</TableCell>
          <TableCell>Decision</TableCell>
          {actions && <TableCell>Actions</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(r => (
          <TableRow
            key={r.id}
            data-testid="waiver-request-row"
            data-request-id={r.id}
            data-gate-id={r.gateId}
            data-state={r.state}
          >
            <TableCell className={classes.cell}>
              <WaiverStateChip state={r.state} />
            </TableCell>
            {showEntity && (
              <TableCell className={classes.cell}>
                <EntityRefLink entityRef={r.entityRef} />
              </TableCell>
            )}
            <TableCell className={`${classes.cell} ${classes.mono}`}>
              {r.gateId}
            </TableCell>
            <TableCell className={classes.cell}>
              <Typography variant="body2" className={classes.reason}>
                {r.reason}
              </Typography>
            </TableCell>
            <TableCell className={classes.cell}>
              {formatDateTime(r.expiresAt)}
            </TableCell>
            <TableCell className={classes.cell}>
              <Typography variant="body2">{r.requestedBy}</Typography>
              <Typography variant="caption" color="textSecondary">
                {formatDateTime(r.requestedAt)}
              </Typography>
            </TableCell>
            <TableCell className={classes.cell}>
              {r.decidedBy ? (
                <>
                  <Typography variant="body2">by {r.decidedBy}</Typography>
                  {r.decisionComment && (
                    <Typography variant="caption" component="div">
                      {r.decisionComment}
                    </Typography>
                  )}
                </>
              ) : (
                '—'
              )}
            </TableCell>
            {actions && (
              <TableCell className={classes.cell}>{actions(r)}</TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
