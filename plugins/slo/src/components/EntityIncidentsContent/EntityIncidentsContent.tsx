import Button from '@material-ui/core/Button';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntitySloReport, Incident } from '@gatekeeper/plugin-slo-common';
import { useEntityIncidents, useEntitySloReport } from '../useSloData';
import { IncidentStats, useIncidentActions } from '../common';
import { PostmortemDialog } from './PostmortemDialog';
import { DeclareIncidentDialog } from './DeclareIncidentDialog';
import { IncidentsTable } from './IncidentsTable';

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

function StatusFilter(props: {
  filter: IncidentFilter;
  onChange(filter: IncidentFilter): void;
  incidents: Incident[];
}) {
  return (
    <Box my={2}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={props.filter}
        onChange={(_e, next: IncidentFilter | null) => {
          if (next) {
            props.onChange(next);
          }
        }}
        aria-label="Filter incidents by status"
      >
        {FILTERS.map(f => (
          <ToggleButton key={f} value={f} data-testid={`incidents-filter-${f}`}>
            {f} ({props.incidents.filter(i => matchesFilter(i, f)).length})
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Box>
  );
}

/** Ids of the incidents the budget policy wants a postmortem for. */
function usePostmortemRequired(report?: EntitySloReport): Set<string> {
  return useMemo(
    () =>
      new Set(report?.freeze.postmortemRequired.map(p => p.incidentId) ?? []),
    [report],
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
  const [filter, setFilter] = useState<IncidentFilter>('all');
  const [editing, setEditing] = useState<Incident | undefined>();
  const [declaring, setDeclaring] = useState(false);
  const { entity } = useEntity();

  const postmortemRequired = usePostmortemRequired(report.value);

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
        <StatusFilter filter={filter} onChange={setFilter} incidents={sorted} />
        {shown.length === 0 ? (
          <Typography color="textSecondary">
            No {filter === 'all' ? '' : `${filter} `}incidents.
          </Typography>
        ) : (
          <IncidentsTable
            incidents={shown}
            stats={value.stats}
            postmortemRequired={postmortemRequired}
            actions={actions}
            onEdit={setEditing}
          />
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
