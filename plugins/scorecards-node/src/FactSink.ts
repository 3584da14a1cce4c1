import { JsonValue } from '@backstage/types';
import { ProvidedFacts } from './factProviders';

/** Where a fact value came from. @public */
export interface FactEvidence {
  /** The API URL that answered. */
  url: string;
  /** The commit the value describes, when it describes one. */
  commit?: string;
  /** A human-facing URL (workflow run, alert list), when there is one. */
  htmlUrl?: string;
}

/**
 * Collects the facts a provider produces for one entity, with their evidence
 * and the reason for every fact that stays unknown. `toFacts` emits the facts
 * plus a provenance fact (`{ source, ...subject, observedAt, facts: { <fact>:
 * evidence } }`) and an unknown fact (`{ <fact>: reason }`, `{}` when every fact is known), so the reasons
 * and sources are stored and shown with the other facts.
 * @public
 */
export class FactSink {
  private readonly facts: ProvidedFacts = {};
  private readonly evidence: Record<string, FactEvidence> = {};
  private readonly reasons: Record<string, string> = {};

  set(fact: string, value: JsonValue, evidence: FactEvidence) {
    this.facts[fact] = value;
    this.evidence[fact] = evidence;
    delete this.reasons[fact];
  }

  /** Marks facts unknown (unless already known) with a reason. */
  unknown(facts: string[], reason: string) {
    for (const fact of facts) {
      if (!(fact in this.facts) && !(fact in this.reasons)) {
        this.reasons[fact] = reason;
      }
    }
  }

  /** Why a fact is unknown, if a reason was recorded. */
  reasonFor(fact: string): string | undefined {
    return this.reasons[fact];
  }

  has(fact: string): boolean {
    return fact in this.facts;
  }

  toFacts(options: {
    source: string;
    provenanceFact: string;
    unknownFact: string;
    subject: Record<string, JsonValue>;
    observedAt: string;
  }): ProvidedFacts {
    const out: ProvidedFacts = { ...this.facts };
    out[options.provenanceFact] = {
      source: options.source,
      ...options.subject,
      observedAt: options.observedAt,
      facts: this.evidence as unknown as JsonValue,
    };
    // Always written (possibly empty): stored facts are upserted, so an
    // omitted unknown fact would keep the reasons of an earlier refresh.
    out[options.unknownFact] = { ...this.reasons };
    return out;
  }
}

/** A short reason for an error, for the unknown fact. @public */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
