import { Content, EmptyState, Header, Page } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import type { HomePageWidgetData } from '@backstage/plugin-home-react/alpha';
import Grid from '@material-ui/core/Grid';
import { useEffect, useState } from 'react';

/**
 * The home page: the widgets side by side (two columns on wide screens),
 * under a greeting of the signed-in user.
 */
export function GatekeeperHomePage(props: { widgets: HomePageWidgetData[] }) {
  const identityApi = useApi(identityApiRef);
  const [name, setName] = useState<string>();
  useEffect(() => {
    let live = true;
    identityApi
      .getProfileInfo()
      .then(profile => live && setName(profile.displayName))
      .catch(() => {}); // the greeting goes without the name
    return () => {
      live = false;
    };
  }, [identityApi]);
  return (
    <Page themeId="home">
      <Header
        title={name ? `Welcome, ${name}` : 'Welcome'}
        subtitle="What needs attention in your groups"
      />
      <Content>
        <div data-testid="gatekeeper-home">
          {props.widgets.length === 0 ? (
            <EmptyState
              missing="content"
              title="No home page widgets"
              description="Install a plugin with home page widgets, e.g. Gatekeeper's scorecards or SLOs."
            />
          ) : (
            <Grid container spacing={3}>
              {props.widgets.map((widget, index) => (
                <Grid
                  item
                  xs={12}
                  lg={6}
                  key={widget.name ?? index}
                  data-testid="gatekeeper-home-widget"
                >
                  {widget.component}
                </Grid>
              ))}
            </Grid>
          )}
        </div>
      </Content>
    </Page>
  );
}
