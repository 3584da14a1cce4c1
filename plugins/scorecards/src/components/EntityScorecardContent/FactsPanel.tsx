import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';
import { formatDateTime, formatValue } from '../common';

const useStyles = makeStyles({
  details: { display: 'block' },
  mono: { fontFamily: 'monospace' },
});

/**
 * Collapsed panel with the latest stored value of every fact of the entity,
 * loaded when first opened.
 */
export function FactsPanel(props: { entityRef: string; reloadKey?: unknown }) {
  const classes = useStyles();
  const { entityRef, reloadKey } = props;
  const api = useApi(scorecardsApiRef);
  const [opened, setOpened] = useState(false);
  const facts = useAsync(
    async () => (opened ? api.getEntityFacts(entityRef) : undefined),
    [api, entityRef, opened, reloadKey],
  );
  return (
    <Accordion
      TransitionProps={{ unmountOnExit: true }}
      onChange={(_e, expanded) => expanded && setOpened(true)}
      data-testid="scorecard-facts"
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="subtitle1">Facts</Typography>
      </AccordionSummary>
      <AccordionDetails className={classes.details}>
        {facts.loading && <Progress />}
        {facts.error && <ResponseErrorPanel error={facts.error} />}
        {facts.value && facts.value.items.length === 0 && (
          <Typography variant="body2">No facts stored.</Typography>
        )}
        {facts.value && facts.value.items.length > 0 && (
          <Table size="small" aria-label="Facts">
            <TableHead>
              <TableRow>
                <TableCell>Fact</TableCell>
                <TableCell>Value</TableCell>
                <TableCell>Observed</TableCell>
                <TableCell>Source</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...facts.value.items]
                .sort((a, b) => a.fact.localeCompare(b.fact))
                .map(f => (
                  <TableRow key={f.fact} data-testid="scorecard-fact-row">
                    <TableCell className={classes.mono}>{f.fact}</TableCell>
                    <TableCell>{formatValue(f.value)}</TableCell>
                    <TableCell>{formatDateTime(f.observedAt)}</TableCell>
                    <TableCell>{f.source}</TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        )}
      </AccordionDetails>
    </Accordion>
  );
}
