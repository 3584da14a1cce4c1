import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import {
  MyFrozenService,
  MyOpenIncident,
  useMyServices,
} from './useMyServices';

/** Props of {@link MyServicesCard}. @public */
export interface MyServicesCardProps {
  /** Card title, defaults to "My services". */
  title?: string;
  /** At most this many services with SLOs are looked at, defaults to 30. */
  limit?: number;
  variant?: 'gridItem' | 'fullHeight';
}

const STATUS_TEXT: Record<string, string> = {
  triggered: '▲ Triggered',
  acknowledged: '● Acknowledged',
};

function Section(props: {
  title: string;
  testId: string;
  count: number;
  empty: string;
  children: ReactNode;
}) {
  return (
    <Box mb={2} component="section" data-testid={props.testId}>
      <Typography variant="subtitle1" component="h3">
        {props.title}
        {props.count ? ` (${props.count})` : ''}
      </Typography>
      {props.count === 0 ? (
        <Typography variant="body2" data-testid={`${props.testId}-empty`}>
          <span aria-hidden="true">✓ </span>
          {props.empty}
        </Typography>
      ) : (
        props.children
      )}
    </Box>
  );
}

function IncidentItem(props: { item: MyOpenIncident; link: string }) {
  const { entityRef, entityTitle, incident } = props.item;
  return (
    <ListItem disableGutters data-testid="my-open-incident">
      <ListItemText
        primary={
          <>
            {incident.severity} · {STATUS_TEXT[incident.status]} ·{' '}
            {incident.title}
          </>
        }
        secondary={
          <>
            <Link to={props.link}>{entityTitle ?? entityRef}</Link> · since{' '}
            {incident.startedAt
              .replace('T', ' ')
              .replace(/:\d\d(\.\d+)?Z$/, ' UTC')}
          </>
        }
      />
    </ListItem>
  );
}

function FrozenItem(props: { item: MyFrozenService; link: string }) {
  const { entityRef, entityTitle, freeze } = props.item;
  return (
    <ListItem disableGutters data-testid="my-frozen-service">
      <ListItemText
        primary={
          <>
            <span aria-hidden="true">❄ </span>
            {freeze.override ? 'Frozen, override active: ' : 'Frozen: '}
            <Link to={props.link}>{entityTitle ?? entityRef}</Link>
          </>
        }
        secondary={freeze.reasons.join('; ')}
      />
    </ListItem>
  );
}

/**
 * The content of {@link MyServicesCard} without the card (for home page
 * widgets, which bring their own).
 *
 * @public
 */
export function MyServicesSummary(props: { limit?: number }) {
  const state = useMyServices({ limit: props.limit ?? 30 });
  const entityRoute = useRouteRef(entityRouteRef);
  const linkOf = (ref: string, tab: string) =>
    `${entityRoute(entityRouteParams(ref))}/${tab}`;
  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const value = state.value!;
  return (
    <div data-testid="my-services-card">
      <Section
        title="Open incidents"
        testId="my-incidents"
        count={value.incidents.length}
        empty="No open incident on your groups' services."
      >
        <List dense disablePadding>
          {value.incidents.map(item => (
            <IncidentItem
              key={item.incident.id}
              item={item}
              link={linkOf(item.entityRef, 'incidents')}
            />
          ))}
        </List>
      </Section>
      <Section
        title="Frozen services"
        testId="my-frozen"
        count={value.frozen.length}
        empty="None of your groups' services is frozen."
      >
        <List dense disablePadding>
          {value.frozen.map(item => (
            <FrozenItem
              key={item.entityRef}
              item={item}
              link={linkOf(item.entityRef, 'slo')}
            />
          ))}
        </List>
      </Section>
      {(value.failed.length > 0 || value.truncated) && (
        <Alert severity="warning" data-testid="my-services-partial">
          {value.failed.length > 0 &&
            `Could not read the SLOs of ${value.failed.join(', ')}. `}
          {value.truncated &&
            `Only the first ${value.services} services with SLOs are shown.`}
        </Alert>
      )}
    </div>
  );
}

/**
 * Home page card of the signed-in user's groups: open incidents and frozen
 * services among the services with SLOs they own.
 *
 * @public
 */
export function MyServicesCard(props: MyServicesCardProps) {
  return (
    <InfoCard title={props.title ?? 'My services'} variant={props.variant}>
      <MyServicesSummary limit={props.limit} />
    </InfoCard>
  );
}
