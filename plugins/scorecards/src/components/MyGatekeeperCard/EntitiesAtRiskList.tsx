import { Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { MyEntityAtRisk } from '@gatekeeper/plugin-scorecards-common';
import {
  STATUS_GLYPHS,
  STATUS_LABELS,
  ToneText,
  VERDICT_LABELS,
} from '../common';
import { VERDICT_GLYPHS } from './glyphs';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'block',
    paddingLeft: 0,
    paddingRight: 0,
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
  gates: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

/** The blocked and at-risk entities with their failing gates. */
export function EntitiesAtRiskList(props: {
  entities: MyEntityAtRisk[];
  /** The entity's scorecard tab. */
  linkOf(entityRef: string): string;
}) {
  const classes = useStyles();
  return (
    <List dense disablePadding data-testid="my-entities-at-risk">
      {props.entities.map(entity => (
        <ListItem
          key={entity.entityRef}
          className={classes.item}
          data-testid="my-entity-at-risk"
          data-entity-ref={entity.entityRef}
          data-verdict={entity.verdict}
        >
          <div className={classes.heading}>
            <ToneText pick={p => p.verdict[entity.verdict]}>
              <span aria-hidden="true">{VERDICT_GLYPHS[entity.verdict]} </span>
              {VERDICT_LABELS[entity.verdict]}
            </ToneText>
            <Link to={props.linkOf(entity.entityRef)}>
              {entity.title ?? entity.entityRef}
            </Link>
            <Typography variant="caption" color="textSecondary">
              {entity.entityRef}
            </Typography>
          </div>
          <ul className={classes.gates}>
            {entity.failingGates.map(gate => (
              <li key={gate.gateId} data-testid="my-failing-gate">
                <Typography variant="body2" component="span">
                  <ToneText pick={p => p.status[gate.status]}>
                    <span aria-hidden="true">
                      {STATUS_GLYPHS[gate.status]}{' '}
                    </span>
                    {STATUS_LABELS[gate.status]}
                  </ToneText>{' '}
                  {gate.title}
                  {gate.evidence[0]?.message && (
                    <> · {gate.evidence[0].message}</>
                  )}
                  {' · '}
                  <Link to={gate.remediation}>How to fix</Link>
                </Typography>
              </li>
            ))}
          </ul>
        </ListItem>
      ))}
    </List>
  );
}
