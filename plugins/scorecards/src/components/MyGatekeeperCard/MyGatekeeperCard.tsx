import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { DueCampaignsList } from './DueCampaignsList';
import { EntitiesAtRiskList } from './EntitiesAtRiskList';
import { ExpiringWaiversList } from './ExpiringWaiversList';
import { useMyGatekeeper } from './useMyGatekeeper';

/** Props of {@link MyGatekeeperCard}. @public */
export interface MyGatekeeperCardProps {
  /** Card title, defaults to "My scorecards". */
  title?: string;
  /** Path of the scorecard tab below the entity page, defaults to `scorecard`. */
  tabPath?: string;
  /** Campaigns with a deadline within this many days, defaults to 30. */
  campaignDays?: number;
  variant?: 'gridItem' | 'fullHeight';
  /** The clock (tests). */
  now?: () => number;
}

function Section(props: {
  title: string;
  testId: string;
  state: { loading: boolean; error?: Error; value?: unknown };
  count?: number;
  empty: string;
  children: ReactNode;
}) {
  const { state, count } = props;
  let body: ReactNode;
  if (state.loading && state.value === undefined) body = <Progress />;
  else if (state.error) body = <ResponseErrorPanel error={state.error} />;
  else if (!count) {
    body = (
      <Typography variant="body2" data-testid={`${props.testId}-empty`}>
        <span aria-hidden="true">✓ </span>
        {props.empty}
      </Typography>
    );
  } else body = props.children;
  return (
    <Box mb={2} data-testid={props.testId} component="section">
      <Typography variant="subtitle1" component="h3">
        {props.title}
        {count ? ` (${count})` : ''}
      </Typography>
      {body}
    </Box>
  );
}

/**
 * Home page card of the signed-in user's groups: entities blocked or at risk
 * with their failing gates, waivers expiring soon, and campaigns due.
 * Reloads when the backend signals a scorecard change.
 *
 * @public
 */
export function MyGatekeeperCard(props: MyGatekeeperCardProps) {
  return (
    <InfoCard title={props.title ?? 'My scorecards'} variant={props.variant}>
      <MyGatekeeperSummary {...props} />
    </InfoCard>
  );
}

/**
 * The content of {@link MyGatekeeperCard} without the card (for home page
 * widgets, which bring their own).
 *
 * @public
 */
export function MyGatekeeperSummary(
  props: Omit<MyGatekeeperCardProps, 'title' | 'variant'>,
) {
  const { tabPath = 'scorecard' } = props;
  const now = props.now ?? Date.now;
  const { summary, campaigns } = useMyGatekeeper({
    campaignDays: props.campaignDays ?? 30,
    now,
  });
  const entityRoute = useRouteRef(entityRouteRef);
  const linkOf = (ref: string) =>
    `${entityRoute(entityRouteParams(ref))}/${tabPath}`;
  const value = summary.value;
  return (
    <div data-testid="my-gatekeeper-card">
      <Section
        title="Blocked or at risk"
        testId="my-at-risk"
        state={summary}
        count={value?.entities.length}
        empty="Nothing of your groups is blocked or at risk."
      >
        <EntitiesAtRiskList entities={value?.entities ?? []} linkOf={linkOf} />
      </Section>
      <Section
        title={`Waivers expiring within ${value?.waiverHorizonDays ?? 14} days`}
        testId="my-waivers"
        state={summary}
        count={value?.expiringWaivers.length}
        empty="No waiver of your groups expires soon."
      >
        <ExpiringWaiversList
          waivers={value?.expiringWaivers ?? []}
          linkOf={linkOf}
          now={now()}
        />
      </Section>
      <Section
        title="Campaigns due"
        testId="my-campaigns"
        state={summary.error ? summary : campaigns}
        count={campaigns.value?.length}
        empty="No campaign of your groups is due."
      >
        <DueCampaignsList campaigns={campaigns.value ?? []} />
      </Section>
    </div>
  );
}
