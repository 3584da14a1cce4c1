import { HttpStatusError } from '@gatekeeper/gatekeeper-node';
import { GithubApi } from './GithubApi';
import { GITHUB_FACTS } from './githubFacts';
import { FactSink, reasonOf } from '@gatekeeper/plugin-scorecards-node';

type Severity = 'critical' | 'high' | 'medium' | 'low';
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];

/** GET /repos/{owner}/{repo}/dependabot/alerts item (the parts we read). */
interface DependabotAlert {
  security_advisory?: { severity?: string };
  security_vulnerability?: { severity?: string };
}

/** GET /repos/{owner}/{repo}/code-scanning/alerts item (the parts we read). */
interface CodeScanningAlert {
  rule?: { security_severity_level?: string | null; severity?: string | null };
}

function count<T>(items: T[], severity: (item: T) => string | undefined) {
  const counts: Record<Severity | 'other', number> = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    other: 0,
  };
  for (const item of items) {
    const s = severity(item)?.toLowerCase();
    if (s && (SEVERITIES as string[]).includes(s)) counts[s as Severity]++;
    else counts.other++;
  }
  return counts;
}

/** Why an alert list is unknown, from its failed answer. */
function disabledReason(kind: string, error: unknown): string {
  if (error instanceof HttpStatusError && [403, 404].includes(error.status)) {
    return `${kind} alerts not available: ${error.message} (disabled for the repository, or the token lacks the "${kind}" read permission)`;
  }
  return `${kind} alerts: ${reasonOf(error)}`;
}

/** Open Dependabot, code-scanning and secret-scanning alerts by severity. */
export async function readSecurityAlerts(options: {
  api: GithubApi;
  maxPages: number;
  sink: FactSink;
}): Promise<void> {
  const { api, maxPages, sink } = options;
  const list = async <T>(path: string) => {
    const result = await api.getAllPages<T>(path, { maxPages });
    if (result.truncated) {
      throw new Error(
        `more than ${maxPages} pages of open alerts at ${api.repoUrl(path)}`,
      );
    }
    return result.items;
  };

  const dependabotPath = '/dependabot/alerts?state=open&per_page=100';
  const dependabotFacts = SEVERITIES.map(s => `github.dependabot.${s}`);
  try {
    const alerts = await list<DependabotAlert>(dependabotPath);
    const counts = count(
      alerts,
      a => a.security_advisory?.severity ?? a.security_vulnerability?.severity,
    );
    const evidence = {
      url: api.repoUrl(dependabotPath),
      htmlUrl: `${api.target.url}/security/dependabot`,
    };
    SEVERITIES.forEach(s =>
      sink.set(`github.dependabot.${s}`, counts[s], evidence),
    );
  } catch (error) {
    sink.unknown(dependabotFacts, disabledReason('dependabot', error));
  }

  const codePath = '/code-scanning/alerts?state=open&per_page=100';
  const codeFacts = [
    ...SEVERITIES.map(s => `github.code-scanning.${s}`),
    GITHUB_FACTS.codeScanningOther,
  ];
  try {
    const alerts = await list<CodeScanningAlert>(codePath);
    const counts = count(
      alerts,
      a => a.rule?.security_severity_level ?? undefined,
    );
    const evidence = {
      url: api.repoUrl(codePath),
      htmlUrl: `${api.target.url}/security/code-scanning`,
    };
    SEVERITIES.forEach(s =>
      sink.set(`github.code-scanning.${s}`, counts[s], evidence),
    );
    sink.set(GITHUB_FACTS.codeScanningOther, counts.other, evidence);
  } catch (error) {
    sink.unknown(codeFacts, disabledReason('code-scanning', error));
  }

  const secretPath = '/secret-scanning/alerts?state=open&per_page=100';
  try {
    const alerts = await list<unknown>(secretPath);
    sink.set(GITHUB_FACTS.secretScanningOpen, alerts.length, {
      url: api.repoUrl(secretPath),
      htmlUrl: `${api.target.url}/security/secret-scanning`,
    });
  } catch (error) {
    sink.unknown(
      [GITHUB_FACTS.secretScanningOpen],
      disabledReason('secret-scanning', error),
    );
  }
}
