import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  HttpStatusError,
  messageOf,
  PoliteHttpClient,
  PoliteResponse,
} from '@gatekeeper/gatekeeper-node';
import {
  FactSink,
  reasonOf,
  ScorecardFactProvider,
} from '@gatekeeper/plugin-scorecards-node';
import {
  SONARQUBE_FACTS,
  SONARQUBE_METRIC_FACTS,
  SONARQUBE_PROJECT_KEY_ANNOTATION,
} from './sonarqubeFacts';

/** GET /api/qualitygates/project_status (the parts we read). */
interface ProjectStatus {
  projectStatus?: {
    status?: string;
    conditions?: { status?: string; metricKey?: string }[];
  };
}

/** GET /api/measures/component (the parts we read). */
interface ComponentMeasures {
  component?: { measures?: { metric: string; value?: string }[] };
}

/** GET /api/project_analyses/search (the parts we read). */
interface ProjectAnalyses {
  analyses?: { date?: string; revision?: string }[];
}

/** Options of {@link createSonarqubeFactProvider}. @public */
export interface SonarqubeFactProviderOptions {
  /** Root URL of SonarQube; undefined makes every annotated entity unknown with the reason. */
  baseUrl?: string;
  token?: string;
  logger: LoggerService;
  http?: PoliteHttpClient;
  now?: () => Date;
}

const GATE_FACTS = [
  SONARQUBE_FACTS.qualityGateStatus,
  SONARQUBE_FACTS.qualityGatePassed,
  SONARQUBE_FACTS.qualityGateFailedConditions,
];
const METRIC_FACTS = Object.values(SONARQUBE_METRIC_FACTS);

/**
 * The SonarQube fact provider: quality gate status and the measures
 * (coverage, bugs, vulnerabilities, code smells, hotspots, duplication) of
 * the project named by `sonarqube.org/project-key`, with the analysed
 * commit as provenance. Failures make the affected facts unknown with the
 * reason in `sonarqube.unknown`; entities without the annotation get no facts.
 * @public
 */
export function createSonarqubeFactProvider(
  options: SonarqubeFactProviderOptions,
): ScorecardFactProvider {
  const http = options.http ?? new PoliteHttpClient();
  const now = options.now ?? (() => new Date());
  const baseUrl = options.baseUrl?.replace(/\/+$/, '');
  const headers = authHeaders(options.token);
  const getOk = async <T>(path: string): Promise<PoliteResponse<T>> => {
    const res = await http.get<T>(`${baseUrl}${path}`, { headers });
    if (res.status !== 200) {
      throw new HttpStatusError({
        status: res.status,
        url: res.url,
        message: messageOf(res.body),
      });
    }
    return res;
  };

  return {
    id: 'sonarqube',
    evidence: 'observed',
    facts: Object.values(SONARQUBE_FACTS),
    async provide({ entity }) {
      const projectKey =
        entity.metadata.annotations?.[SONARQUBE_PROJECT_KEY_ANNOTATION]?.trim();
      if (!projectKey) return {};
      const sink = new FactSink();
      const observedAt = now().toISOString();
      const key = encodeURIComponent(projectKey);
      let commit: string | undefined;
      let analysedAt: string | undefined;
      if (!baseUrl) {
        sink.unknown(
          [...GATE_FACTS, ...METRIC_FACTS],
          'SonarQube is not configured (scorecards.sonarqube.baseUrl)',
        );
      } else {
        try {
          const res = await getOk<ProjectAnalyses>(
            `/api/project_analyses/search?project=${key}&ps=1`,
          );
          commit = res.body?.analyses?.[0]?.revision;
          analysedAt = res.body?.analyses?.[0]?.date;
        } catch (error) {
          options.logger.debug(
            `SonarQube analyses of ${projectKey} not readable: ${reasonOf(
              error,
            )}`,
          );
        }
        await readQualityGate({ getOk, baseUrl, key, commit, sink });
        await readMeasures({ getOk, baseUrl, key, commit, sink });
      }
      const facts = sink.toFacts({
        source: 'sonarqube',
        provenanceFact: SONARQUBE_FACTS.provenance,
        unknownFact: SONARQUBE_FACTS.unknown,
        subject: {
          projectKey,
          ...(baseUrl ? { dashboard: `${baseUrl}/dashboard?id=${key}` } : {}),
          ...(commit ? { commit } : {}),
          ...(analysedAt ? { analysedAt } : {}),
        },
        observedAt,
      });
      const unknown = facts[SONARQUBE_FACTS.unknown];
      if (unknown && Object.keys(unknown).length > 0) {
        options.logger.debug(
          `SonarQube facts of ${stringifyEntityRef(entity)} partly unknown`,
        );
      }
      return facts;
    },
  };
}

/** Accept JSON; the token as basic-auth login, as every SonarQube accepts. */
function authHeaders(token: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Basic ${Buffer.from(`${token}:`).toString(
      'base64',
    )}`;
  }
  return headers;
}

type GetOk = <T>(path: string) => Promise<PoliteResponse<T>>;

async function readQualityGate(o: {
  getOk: GetOk;
  baseUrl: string;
  key: string;
  commit?: string;
  sink: FactSink;
}) {
  const path = `/api/qualitygates/project_status?projectKey=${o.key}`;
  try {
    const status = (await o.getOk<ProjectStatus>(path)).body?.projectStatus;
    const evidence = { url: `${o.baseUrl}${path}`, commit: o.commit };
    if (!status?.status || status.status === 'NONE') {
      o.sink.unknown(
        GATE_FACTS,
        'no quality gate status computed yet (status NONE)',
      );
      return;
    }
    o.sink.set(SONARQUBE_FACTS.qualityGateStatus, status.status, evidence);
    o.sink.set(
      SONARQUBE_FACTS.qualityGatePassed,
      status.status === 'OK',
      evidence,
    );
    o.sink.set(
      SONARQUBE_FACTS.qualityGateFailedConditions,
      (status.conditions ?? [])
        .filter(c => c.status === 'ERROR' && c.metricKey)
        .map(c => c.metricKey as string),
      evidence,
    );
  } catch (error) {
    o.sink.unknown(GATE_FACTS, `quality gate: ${reasonOf(error)}`);
  }
}

async function readMeasures(o: {
  getOk: GetOk;
  baseUrl: string;
  key: string;
  commit?: string;
  sink: FactSink;
}) {
  const metrics = Object.keys(SONARQUBE_METRIC_FACTS).join(',');
  const path = `/api/measures/component?component=${o.key}&metricKeys=${metrics}`;
  try {
    const measures =
      (await o.getOk<ComponentMeasures>(path)).body?.component?.measures ?? [];
    const evidence = { url: `${o.baseUrl}${path}`, commit: o.commit };
    for (const measure of measures) {
      const fact = SONARQUBE_METRIC_FACTS[measure.metric];
      const value = Number(measure.value);
      if (fact && measure.value !== undefined && Number.isFinite(value)) {
        o.sink.set(fact, value, evidence);
      }
    }
    o.sink.unknown(
      METRIC_FACTS,
      'measure not computed by the last analysis (e.g. no coverage report imported)',
    );
  } catch (error) {
    o.sink.unknown(METRIC_FACTS, `measures: ${reasonOf(error)}`);
  }
}
