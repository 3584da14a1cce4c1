import { Content, Header, Page } from '@backstage/core-components';
import { CampaignsView } from './CampaignsView';

/** Props of {@link CampaignsPage}. @public */
export interface CampaignsPageProps {
  title?: string;
  subtitle?: string;
}

/**
 * Campaigns: deadlines and progress, per campaign its chart, teams and the
 * entities that remain.
 *
 * @public
 */
export function CampaignsPage(props: CampaignsPageProps) {
  return (
    <Page themeId="tool">
      <Header
        title={props.title ?? 'Campaigns'}
        subtitle={props.subtitle ?? 'Gate targets with a deadline'}
      />
      <Content>
        <CampaignsView />
      </Content>
    </Page>
  );
}
