import {
  coverageThresholdInConfig,
  WorkflowCapability,
} from '@gatekeeper/plugin-scorecards-common';
import fs from 'fs-extra';
import path from 'node:path';
import { DriftReport } from './drift';
import {
  indexCapabilities,
  overPrivilegedWorkflows,
  parseWorkflow,
  unpinnedActions,
} from './workflows';

/** What a drifted file means for the gates. @public */
export type DriftImpact = 'gate-weakening' | 'gate-neutral' | 'template-update';

/** One drifted file with its impact. @public */
export interface ClassifiedDrift {
  path: string;
  status: DriftReport['files'][number]['status'];
  impact: DriftImpact;
  detail: string;
}

const FROM_TEMPLATE = ['outdated', 'new-in-template', 'dropped-from-template'];
const GATE_FILES = ['.github/CODEOWNERS', '.github/pull_request_template.md'];

async function read(dir: string | undefined, rel: string) {
  if (!dir) return undefined;
  return fs.readFile(path.join(dir, rel), 'utf8').catch(() => undefined);
}

function workflowGates(rel: string, text: string | undefined) {
  if (!text) return { caps: new Set<WorkflowCapability>(), hardening: 0 };
  try {
    const wf = parseWorkflow(rel, text);
    const caps = Object.keys(indexCapabilities([wf])) as WorkflowCapability[];
    const hardening =
      unpinnedActions([wf]).length + overPrivilegedWorkflows([wf]).length;
    return { caps: new Set(caps), hardening };
  } catch {
    return { caps: new Set<WorkflowCapability>(), hardening: 1 };
  }
}

async function classifyFile(
  rel: string,
  repoDir: string,
  renderedDir: string | undefined,
): Promise<{ impact: DriftImpact; detail: string }> {
  const [mine, theirs] = [
    await read(repoDir, rel),
    await read(renderedDir, rel),
  ];
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel)) {
    const repo = workflowGates(rel, mine);
    const template = workflowGates(rel, theirs);
    const lost = [...template.caps].filter(c => !repo.caps.has(c));
    if (lost.length > 0) {
      return { impact: 'gate-weakening', detail: `loses ${lost.join(', ')}` };
    }
    if (repo.hardening > template.hardening) {
      return {
        impact: 'gate-weakening',
        detail: 'unpins actions or widens permissions',
      };
    }
    return { impact: 'gate-neutral', detail: 'every gate still runs' };
  }
  if (GATE_FILES.includes(rel) && !mine?.trim()) {
    return { impact: 'gate-weakening', detail: `${rel} removed or emptied` };
  }
  const before = theirs && coverageThresholdInConfig(rel, theirs);
  if (before) {
    const after = mine ? coverageThresholdInConfig(rel, mine) : undefined;
    if (!after || after.lines < before.lines) {
      return {
        impact: 'gate-weakening',
        detail: `line coverage threshold ${before.lines}% -> ${
          after ? `${after.lines}%` : 'none'
        }`,
      };
    }
  }
  return { impact: 'gate-neutral', detail: 'no gate depends on this change' };
}

/**
 * Classifies each drifted file: `template-update` (the template changed,
 * the repository did not), `gate-weakening` (a workflow gate, a coverage
 * threshold, CODEOWNERS or the PR template weakened compared with the
 * current template render) or `gate-neutral`.
 * @public
 */
export async function classifyDrift(
  report: DriftReport,
  options: { repoDir: string; renderedDir?: string },
): Promise<ClassifiedDrift[]> {
  const out: ClassifiedDrift[] = [];
  for (const file of report.files) {
    if (file.status === 'untracked' && !file.path.startsWith('.github/')) {
      continue;
    }
    const { impact, detail } = FROM_TEMPLATE.includes(file.status)
      ? {
          impact: 'template-update' as const,
          detail: 'changed in the template',
        }
      : await classifyFile(file.path, options.repoDir, options.renderedDir);
    out.push({ ...file, impact, detail });
  }
  return out;
}
