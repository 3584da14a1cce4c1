import { FactProvenance } from '@gatekeeper/plugin-scorecards-common';
import { FactRecord } from '../engine/types';

/** Columns of `scorecards_facts` read into a {@link FactRecord}. */
export const FACT_COLUMNS = [
  'value',
  'observed_at',
  'source',
  'commit_sha',
  'run_url',
  'producer',
  'evidence',
];

/** A `scorecards_facts` row as the engine sees it (provenance when stored). */
export function toFact(row: {
  value: string;
  observed_at: string | number;
  source: string;
  commit_sha?: string | null;
  run_url?: string | null;
  producer?: string | null;
  evidence?: string | null;
}): FactRecord {
  const observedAt = Number(row.observed_at);
  const fact: FactRecord = {
    value: JSON.parse(row.value),
    observedAt,
    observedAtIso: new Date(observedAt).toISOString(),
    source: row.source,
    evidence: row.evidence === 'configured' ? 'configured' : 'observed',
  };
  const provenance: FactProvenance = {};
  if (row.commit_sha) provenance.commit = row.commit_sha;
  if (row.run_url) provenance.runUrl = row.run_url;
  if (row.producer) provenance.producer = row.producer;
  if (Object.keys(provenance).length > 0) fact.provenance = provenance;
  return fact;
}
