import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityWaiverRequests } from './useEntityWaiverRequests';
import { WaiverRequestTable } from './WaiverRequestTable';

const useStyles = makeStyles(theme => ({
  empty: { padding: theme.spacing(2) },
}));

/** The entity's waiver requests with their state. */
export function EntityWaiverRequestsCard(props: {
  waivers: EntityWaiverRequests;
}) {
  const { requests } = props.waivers;
  const classes = useStyles();
  const items = requests.value?.items ?? [];
  return (
    <InfoCard title={`Waiver requests (${items.length})`} noPadding>
      <div data-testid="entity-waiver-requests">
        {requests.error && <ResponseErrorPanel error={requests.error} />}
        {!requests.error && items.length === 0 && (
          <Typography variant="body2" className={classes.empty}>
            {requests.loading
              ? 'Loading waiver requests…'
              : 'No waiver requests for this entity.'}
          </Typography>
        )}
        {items.length > 0 && (
          <WaiverRequestTable items={items} label="Waiver requests" />
        )}
      </div>
    </InfoCard>
  );
}
