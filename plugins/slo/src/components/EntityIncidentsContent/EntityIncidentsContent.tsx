import Button from '@material-ui/core/Button';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import EditIcon from '@material-ui/icons/Edit';
import { makeStyles } from '@material-ui/core/styles';
import { useLayoutStyles } from '../common/layoutStyles';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  Incident,
  IncidentStats as Stats,
} from '@gatekeeper/plugin-slo-common';
import { useEntityIncidents, useEntitySloReport } from '../useSloData';
import {
  IncidentActionButtons,
  IncidentStats,
  IncidentStatusChip,
  SeverityChip,
  formatDuration,
  formatPercent,
  formatTimestamp,
  secondsBetween,
  shortId,
  useIncidentActions,
} from '../common';
import { PostmortemDialog } from './PostmortemDialog';
import { DeclareIncidentDialog } from './DeclareIncidentDialog';

const useStyles = makeStyles({
  table: {
    '& th, & td': { whiteSpace: 'nowrap', wordBreak: 'normal' },
  },
  title: {
    '&&': { whiteSpace: 'normal', minWidth: 220 },
  },
});

/** Status filter of the incidents table. */
export type IncidentFilter =
  | 'all'
  | 'open'
  | 'triggered'
  | 'acknowledged'
  | 'resolved';

const FILTERS: IncidentFilter[] = [
  'all',
  'open',
  'triggered',
  'acknowledged',
  'resolved',
];

export function matchesFilter(
  incident: Incident,
  filter: IncidentFilter,
): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'open':
      return incident.status !== 'resolved';
    default:
      return incident.status === filter;
  }
}

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

/**
 * Entity tab listing every incident with status filters, time to acknowledge
 * and resolve, error budget consumed, postmortem links and actions.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { value, loading, error, retry } = useEntityIncidents();
  // The SLO report tells which incidents need a postmortem (budget policy).
  const report = useEntitySloReport();
  const actions = useIncidentActions(retry);
  const classes = useStyles();
  const layout = useLayoutStyles();
  const [filter, setFilter] = useState<IncidentFilter>('all');
  const [editing, setEditing] = useState<Incident | undefined>();
  const [declaring, setDeclaring] = useState(false);
  const { entity } = useEntity();

  const postmortemRequired = useMemo(
    () =>
      new Set(
        report.value?.freeze.postmortemRequired.map(p => p.incidentId) ?? [],
      ),
    [report.value],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }

  const sorted = [...value.items].sort(
    (a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt),
  );
  const shown = sorted.filter(i => matchesFilter(i, filter));

  return (
    <Box data-testid="incidents-content">
      <InfoCard
        title="Incidents"
        action={
          actions.canManage ? (
            <Box mt={1} mr={1}>
              <Button
                variant="outlined"
                color="primary"
                onClick={() => setDeclaring(true)}
              >
                Declare incident
              </Button>
            </Box>
          ) : undefined
        }
      >
        <IncidentStats stats={value.stats} />
        <Box my={2}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={filter}
            onChange={(_e, next: IncidentFilter | null) => {
              if (next) {
                setFilter(next);
              }
            }}
            aria-label="Filter incidents by status"
          >
            {FILTERS.map(f => (
              <ToggleButton
                key={f}
                value={f}
                data-testid={`incidents-filter-${f}`}
              >
                {f} ({sorted.filter(i => matchesFilter(i, f)).length})
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
        {shown.length === 0 ? (
          <Typography color="textSecondary">
            No {filter === 'all' ? '' : `${filter} `}incidents.
          </Typography>
        ) : (
          <Box
            className={layout.scrollX}
            tabIndex={0}
            role="region"
            aria-label="Incidents table (scrollable)"
          >
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
                {shown.map(incident => {
                  const consumed = incidentBudgetConsumed(
                    incident,
                    value.stats,
                  );
                  const needsPostmortem =
                    !incident.postmortemUrl &&
                    postmortemRequired.has(incident.id);
                  return (
                    <TableRow
                      key={incident.id}
                      data-testid="incident-table-row"
                      data-incident={incident.id}
                    >
                      <TableCell>
                        <SeverityChip severity={incident.severity} />
                      </TableCell>
                      <TableCell>
                        <Typography variant="body2">
                          {incident.title}
                        </Typography>
                        <Typography variant="caption" color="textSecondary">
                          <span title={incident.id}>
                            {shortId(incident.id)}
                          </span>{' '}
                          · {incident.source}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        <IncidentStatusChip status={incident.status} />
                      </TableCell>
                      <TableCell>
                        {formatTimestamp(incident.startedAt)}
                      </TableCell>
                      <TableCell>
                        {formatDuration(
                          secondsBetween(
                            incident.startedAt,
                            incident.acknowledgedAt,
                          ),
                        )}
                      </TableCell>
                      <TableCell>
                        {formatDuration(
                          secondsBetween(
                            incident.startedAt,
                            incident.resolvedAt,
                          ),
                        )}
                      </TableCell>
                      <TableCell align="right" data-testid="incident-budget">
                        {consumed === undefined ? '—' : formatPercent(consumed)}
                      </TableCell>
                      <TableCell>
                        <Box display="flex" alignItems="center">
                          {incident.postmortemUrl && (
                            <Link
                              to={incident.postmortemUrl}
                              data-testid="incident-postmortem"
                            >
                              Postmortem
                            </Link>
                          )}
                          {needsPostmortem && (
                            <Chip
                              size="small"
                              color="secondary"
                              label="Required"
                              data-testid="incident-postmortem-required"
                            />
                          )}
                          {actions.canManage && (
                            <Tooltip title="Edit postmortem link">
                              <IconButton
                                size="small"
                                aria-label={`Edit postmortem link of ${incident.id}`}
                                onClick={() => setEditing(incident)}
                              >
                                <EditIcon fontSize="small" />
                              </IconButton>
                            </Tooltip>
                          )}
                        </Box>
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
                })}
              </TableBody>
            </Table>
          </Box>
        )}
      </InfoCard>
      {declaring && (
        <DeclareIncidentDialog
          entityRef={stringifyEntityRef(entity)}
          onClose={() => setDeclaring(false)}
          onCreated={retry}
        />
      )}
      {editing && (
        <PostmortemDialog
          incident={editing}
          onClose={() => setEditing(undefined)}
          onSave={url => actions.run(editing.id, 'postmortem', url)}
        />
      )}
    </Box>
  );
}
