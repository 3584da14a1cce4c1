import {
  Incident,
  IncidentSeverity,
  IncidentSource,
  IncidentStatus,
} from '@gatekeeper/plugin-slo-common';

/** An incident to record; the store assigns the id. */
export interface NewIncident {
  entityRef: string;
  title: string;
  severity: IncidentSeverity;
  source: IncidentSource;
  startedAt: string;
  status?: IncidentStatus;
  acknowledgedAt?: string;
  resolvedAt?: string;
  description?: string;
  labels?: Record<string, string>;
  /** Idempotency key of external sources (e.g. Alertmanager fingerprint + startsAt). */
  externalKey?: string;
}

/** Persistence of incidents (table `slo_incidents`). */
export interface IncidentStore {
  createIncident(
    incident: NewIncident,
  ): Promise<{ incident: Incident; created: boolean }>;
  getIncident(id: string): Promise<Incident | undefined>;
  getIncidentByExternalKey(key: string): Promise<Incident | undefined>;
  listIncidents(options: {
    entityRef: string;
    since?: string;
    limit?: number;
  }): Promise<Incident[]>;
  acknowledgeIncident(id: string, at: string): Promise<Incident>;
  resolveIncident(id: string, at: string): Promise<Incident>;
  setPostmortem(id: string, url: string): Promise<Incident>;
  /** Runs `fn` in one database transaction: all of its writes or none. */
  transaction<T>(fn: (store: IncidentStore) => Promise<T>): Promise<T>;
}
