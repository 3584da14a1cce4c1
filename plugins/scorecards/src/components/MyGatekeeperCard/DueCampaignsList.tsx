import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import type { DueCampaign } from '../../api';
import { formatDateTime } from '../common';

/** The campaigns of the user's groups with a deadline soon. */
export function DueCampaignsList(props: { campaigns: DueCampaign[] }) {
  return (
    <List dense disablePadding data-testid="my-due-campaigns">
      {props.campaigns.map(c => (
        <ListItem
          key={c.id}
          disableGutters
          data-testid="my-due-campaign"
          data-campaign-id={c.id}
        >
          <ListItemText
            primary={`${c.title} — due ${formatDateTime(c.deadline)}`}
            secondary={`${c.progress.done} of ${c.progress.total} done, ${
              c.progress.remaining
            } remaining${
              c.progress.overdue > 0 ? `, ${c.progress.overdue} overdue` : ''
            } · ${c.owner}`}
          />
        </ListItem>
      ))}
    </List>
  );
}
