import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import EditIcon from '@material-ui/icons/Edit';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import {
  Incident,
  IncidentStats as Stats,
} from '@gatekeeper/plugin-slo-common';
import {
  IncidentActionButtons,
  IncidentStatusChip,
  ScrollRegion,
  SeverityChip,
  ToneChip,
  formatDuration,
  formatPercent,
  formatTimestamp,
  secondsBetween,
  shortId,
  useIncidentActions,
} from '../common';

const useStyles = makeStyles({
  table: {
    '& th, & td': { whiteSpace: 'nowrap', wordBreak: 'normal' },
  },
});

/** Budget consumed by an incident, from the incident or the stats list. */
export function incidentBudgetConsumed(
  incident: Incident,
  stats: Stats,
): number | undefined {
  return (
    incident.budgetConsumedPercent ??
    stats.budgetConsumedPercentByIncident.find(b => b.id === incident.id)
      ?.percent
  );
}

type Actions = ReturnType<typeof useIncidentActions>;

function PostmortemCell(props: {
  incident: Incident;
  required: boolean;
  canManage: boolean;
  onEdit(): void;
}) {
  const { incident, required, canManage, onEdit } = props;
  return (
    <Box display="flex" alignItems="center">
      {incident.postmortemUrl && (
        <Link to={incident.postmortemUrl} data-testid="incident-postmortem">
          Postmortem
        </Link>
      )}
      {!incident.postmortemUrl && required && (
        <ToneChip
          pick={p => p.attention}
          label="Required"
          data-testid="incident-postmortem-required"
        />
      )}
      {canManage && (
        <Tooltip title="Edit postmortem link">
          <IconButton
            size="small"
            aria-label={`Edit postmortem link of ${incident.id}`}
            onClick={onEdit}
          >
            <EditIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
    </Box>
  );
}

function IncidentTableRow(props: {
  incident: Incident;
  stats: Stats;
  postmortemRequired: boolean;
  actions: Actions;
  onEdit(incident: Incident): void;
}) {
  const { incident, stats, actions } = props;
  const consumed = incidentBudgetConsumed(incident, stats);
  return (
    <TableRow data-testid="incident-table-row" data-incident={incident.id}>
      <TableCell>
        <SeverityChip severity={incident.severity} />
      </TableCell>
      <TableCell>
        <Typography variant="body2">{incident.title}</Typography>
        <Typography variant="caption" color="textSecondary">
          <span title={incident.id}>{shortId(incident.id)}</span> ·{' '}
          {incident.source}
        </Typography>
      </TableCell>
      <TableCell>
        <IncidentStatusChip status={incident.status} />
      </TableCell>
      <TableCell>{formatTimestamp(incident.startedAt)}</TableCell>
      <TableCell>
        {formatDuration(
          secondsBetween(incident.startedAt, incident.acknowledgedAt),
        )}
      </TableCell>
      <TableCell>
        {formatDuration(
          secondsBetween(incident.startedAt, incident.resolvedAt),
        )}
      </TableCell>
      <TableCell align="right" data-testid="incident-budget">
        {consumed === undefined ? '—' : formatPercent(consumed)}
      </TableCell>
      <TableCell>
        <PostmortemCell
          incident={incident}
          required={props.postmortemRequired}
          canManage={actions.canManage}
          onEdit={() => props.onEdit(incident)}
        />
      </TableCell>
      {actions.canManage && (
        <TableCell>
          <IncidentActionButtons
            incident={incident}
            disabled={actions.busy === incident.id}
            onAction={(id, action) => {
              actions.run(id, action);
            }}
          />
        </TableCell>
      )}
    </TableRow>
  );
}

/**
 * The incidents of an entity as a table; it scrolls sideways in a region
 * that takes the keyboard focus.
 */
export function IncidentsTable(props: {
  incidents: Incident[];
  stats: Stats;
  /** Ids of the incidents the budget policy wants a postmortem for. */
  postmortemRequired: Set<string>;
  actions: Actions;
  onEdit(incident: Incident): void;
}) {
  const { actions } = props;
  const classes = useStyles();
  return (
    <ScrollRegion label="Incidents table (scrollable)">
      <Table
        size="small"
        className={classes.table}
        data-testid="incidents-table"
      >
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Incident</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Time to ack</TableCell>
            <TableCell>Time to resolve</TableCell>
            <TableCell align="right">Budget consumed</TableCell>
            <TableCell>Postmortem</TableCell>
            {actions.canManage && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.incidents.map(incident => (
            <IncidentTableRow
              key={incident.id}
              incident={incident}
              stats={props.stats}
              postmortemRequired={props.postmortemRequired.has(incident.id)}
              actions={actions}
              onEdit={props.onEdit}
            />
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}
