import { Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import type { MyExpiringWaiver } from '@gatekeeper/plugin-scorecards-common';
import { formatDateTime, STATUS_GLYPHS } from '../common';

const DAY_MS = 24 * 60 * 60 * 1000;

/** "expired", "expires in 1 day", "expires in 3 days" (days rounded up). */
export function expiryText(expiresAt: string, now: number): string {
  const left = Date.parse(expiresAt) - now;
  if (!(left > 0)) return 'expired';
  const days = Math.ceil(left / DAY_MS);
  return `expires in ${days} day${days === 1 ? '' : 's'}`;
}

/** The waivers expiring soon, soonest first. */
export function ExpiringWaiversList(props: {
  waivers: MyExpiringWaiver[];
  linkOf(entityRef: string): string;
  now: number;
}) {
  return (
    <List dense disablePadding data-testid="my-expiring-waivers">
      {props.waivers.map(w => (
        <ListItem
          key={`${w.entityRef}/${w.gateId}`}
          disableGutters
          data-testid="my-expiring-waiver"
          data-entity-ref={w.entityRef}
        >
          <ListItemText
            primary={
              <>
                <span aria-hidden="true">{STATUS_GLYPHS.waived} </span>
                {w.gateTitle} waived on{' '}
                <Link to={props.linkOf(w.entityRef)}>
                  {w.title ?? w.entityRef}
                </Link>{' '}
                — {expiryText(w.expiresAt, props.now)}
              </>
            }
            secondary={`${formatDateTime(w.expiresAt)} · approved by ${
              w.approver
            } (${w.source}): ${w.reason}`}
          />
        </ListItem>
      ))}
    </List>
  );
}
