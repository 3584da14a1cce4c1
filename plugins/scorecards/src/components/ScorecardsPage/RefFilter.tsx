import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef, ScorecardRollupBy } from '../../api';

const useStyles = makeStyles({ root: { width: 260 } });

/**
 * Entity-ref filter (owner group, system or domain) with suggestions from the
 * roll-ups of that dimension, loaded when the list is first opened. Free
 * text is accepted too (e.g. `team-a`, which the backend reads as
 * `group:default/team-a`).
 */
export function RefFilter(props: {
  label: string;
  by: ScorecardRollupBy;
  value?: string;
  onChange: (value: string | undefined) => void;
  testId: string;
}) {
  const classes = useStyles();
  const { label, by, value, onChange, testId } = props;
  const api = useApi(scorecardsApiRef);
  const [opened, setOpened] = useState(false);
  const options = useAsync(async () => {
    if (!opened) {
      return [];
    }
    const { items } = await api.getRollups(by);
    return items.map(i => i.ref).sort();
  }, [api, by, opened]);

  return (
    <Autocomplete
      freeSolo
      autoSelect
      size="small"
      className={classes.root}
      options={options.value ?? []}
      loading={options.loading}
      value={value ?? null}
      onOpen={() => setOpened(true)}
      onChange={(_e, next) => onChange(next?.trim() || undefined)}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          size="small"
          variant="outlined"
          inputProps={{ ...params.inputProps, 'data-testid': testId }}
        />
      )}
    />
  );
}
