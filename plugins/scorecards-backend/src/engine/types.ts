import { JsonValue } from '@backstage/types';
import {
  EntityScorecard,
  EvidenceKind,
  FactProvenance,
  GateWaiver,
} from '@gatekeeper/plugin-scorecards-common';

/** One fact value of an entity as the engine sees it. */
export interface FactRecord {
  value: JsonValue;
  /** Epoch milliseconds. */
  observedAt: number;
  /** The same instant as ISO text, when the loader already has it. */
  observedAtIso?: string;
  source: string;
  /** Commit, CI run and producer of a pushed fact, when known. */
  provenance?: FactProvenance;
  /** Observed (default) or configuration-only. */
  evidence?: EvidenceKind;
}

/** Waivers of one entity after validation, by gate id. */
export interface ResolvedWaivers {
  active: ReadonlyMap<string, GateWaiver>;
  expired: ReadonlyMap<string, GateWaiver>;
  /** gate id -> problems with waivers of that gate (invalid fields). */
  invalid: ReadonlyMap<string, string[]>;
  /** Every problem found, for the scorecard warnings. */
  warnings: string[];
}

/** Input of one evaluation. */
export interface EvaluationInput {
  entityRef: string;
  /** Used for `appliesTo`; when undefined every gate applies. */
  entity?: { kind: string; metadata: object; spec?: object };
  facts: ReadonlyMap<string, FactRecord>;
  waivers?: ResolvedWaivers;
  /** Epoch milliseconds. */
  now: number;
}

/** Result of one evaluation. */
export interface EvaluationOutput {
  scorecard: EntityScorecard;
  /** Compact form of the result; equal signatures mean an unchanged scorecard. */
  signature: string;
  /** Waivers that turned a gate into `waived` (to be audited). */
  appliedWaivers: GateWaiver[];
}
