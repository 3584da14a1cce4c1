import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { useLayoutStyles } from '../common/layoutStyles';
import {
  InfoCard,
  InfoCardVariants,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Incident } from '@gatekeeper/plugin-slo-common';
import { useEntityIncidents } from '../useSloData';
import {
  IncidentActionButtons,
  IncidentStats,
  IncidentStatusChip,
  SeverityChip,
  formatPercent,
  formatTimestamp,
  shortId,
  useIncidentActions,
} from '../common';

/**
 * Open incidents first (newest first), then the most recent resolved ones,
 * up to `limit` items.
 */
export function selectCardIncidents(
  items: Incident[],
  limit: number,
): Incident[] {
  const byStartDesc = (a: Incident, b: Incident) =>
    Date.parse(b.startedAt) - Date.parse(a.startedAt);
  const open = items.filter(i => i.status !== 'resolved').sort(byStartDesc);
  const resolved = items.filter(i => i.status === 'resolved').sort(byStartDesc);
  return [...open, ...resolved].slice(0, Math.max(limit, open.length));
}

function IncidentRow(props: {
  incident: Incident;
  canManage: boolean;
  busy: boolean;
  onAction: Parameters<typeof IncidentActionButtons>[0]['onAction'];
}) {
  const { incident, canManage, busy, onAction } = props;
  const layout = useLayoutStyles();
  return (
    <ListItem
      disableGutters
      data-testid="incident-row"
      data-incident={incident.id}
      data-status={incident.status}
    >
      <Box width="100%">
        <Box display="flex" alignItems="center" className={layout.gapSm}>
          <SeverityChip severity={incident.severity} />
          <Typography variant="body1" className={layout.grow}>
            {incident.title}
          </Typography>
          <IncidentStatusChip status={incident.status} />
        </Box>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          mt={0.5}
          className={layout.gapMd}
        >
          <Typography variant="caption" color="textSecondary">
            {shortId(incident.id)} · started{' '}
            {formatTimestamp(incident.startedAt)} · {incident.source}
            {incident.budgetConsumedPercent !== undefined &&
              ` · consumed ${formatPercent(
                incident.budgetConsumedPercent,
              )} of the error budget`}
          </Typography>
          {incident.postmortemUrl && (
            <Link to={incident.postmortemUrl} data-testid="incident-postmortem">
              Postmortem
            </Link>
          )}
          {canManage && (
            <IncidentActionButtons
              incident={incident}
              disabled={busy}
              onAction={onAction}
            />
          )}
        </Box>
      </Box>
    </ListItem>
  );
}

/**
 * Overview card with open and recent incidents, MTTA / MTTR and actions.
 *
 * @public
 */
export function EntityIncidentsCard(props: {
  variant?: InfoCardVariants;
  /** Maximum incidents listed (open incidents are always all listed). */
  limit?: number;
}) {
  const { variant = 'gridItem', limit = 5 } = props;
  const { value, loading, error, retry } = useEntityIncidents();
  const actions = useIncidentActions(retry);
  const layout = useLayoutStyles();

  let content: JSX.Element;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <Typography>No incident data.</Typography>;
  } else {
    const shown = selectCardIncidents(value.items, limit);
    content = (
      <>
        <IncidentStats stats={value.stats} />
        <Divider />
        {shown.length === 0 ? (
          <Box mt={2}>
            <Typography color="textSecondary">
              No incidents recorded for this entity.
            </Typography>
          </Box>
        ) : (
          <List dense>
            {shown.map(incident => (
              <IncidentRow
                key={incident.id}
                incident={incident}
                canManage={actions.canManage}
                busy={actions.busy === incident.id}
                onAction={(id, action) => {
                  actions.run(id, action);
                }}
              />
            ))}
          </List>
        )}
      </>
    );
  }

  return (
    <div
      data-testid="incidents-card"
      className={variant === 'gridItem' ? layout.fullHeight : undefined}
    >
      <InfoCard title="Incidents" variant={variant}>
        {content}
      </InfoCard>
    </div>
  );
}
