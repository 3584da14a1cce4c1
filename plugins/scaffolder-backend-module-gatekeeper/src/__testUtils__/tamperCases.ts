/*
 * The tampered variants of the generated typescript-service ci.yml that
 * lib/tamperCorpus.test.ts feeds to the shared workflow analysis: each
 * weakens exactly one gate.
 */
import { WorkflowCapability } from '@gatekeeper/plugin-scorecards-common';

export type Tamper = (ci: string) => string;

export function replace(from: string | RegExp, to: string): Tamper {
  return ci => {
    const out = ci.replace(from, to);
    if (out === ci) throw new Error(`tamper did not apply: ${String(from)}`);
    return out;
  };
}

/** Removes a whole job (its key line up to the next job). */
function deleteJob(id: string): Tamper {
  return replace(
    new RegExp(`\\n  ${id}:\\n[\\s\\S]*?(?=\\n  [a-z-]+:\\n|$)`),
    '\n',
  );
}

/** Inserts a line right after the `name:` line of a job. */
function jobKey(id: string, line: string): Tamper {
  return replace(
    `\n  ${id}:\n    name: ${id}\n`,
    `\n  ${id}:\n    name: ${id}\n    ${line}\n`,
  );
}

export interface TamperCase {
  label: string;
  tamper: Tamper;
  /** The capability that must be gone. */
  lost: WorkflowCapability;
  /** The job the evidence must name (undefined: the job is gone). */
  job?: string;
}

export const CASES: TamperCase[] = [
  {
    label: 'unit-tests job deleted',
    tamper: deleteJob('unit-tests'),
    lost: 'unit-tests',
  },
  { label: 'build job deleted', tamper: deleteJob('build'), lost: 'build' },
  { label: 'lint job deleted', tamper: deleteJob('lint'), lost: 'lint' },
  { label: 'sast job deleted', tamper: deleteJob('sast'), lost: 'sast' },
  { label: 'sbom job deleted', tamper: deleteJob('sbom'), lost: 'sbom' },
  {
    label: 'lint job if: false',
    tamper: jobKey('lint', 'if: false'),
    lost: 'lint',
    job: 'lint',
  },
  {
    label: 'type-check job if: ${{ false }}',
    tamper: jobKey('type-check', 'if: ${{ false }}'),
    lost: 'typecheck',
    job: 'type-check',
  },
  {
    label: 'unit-tests continue-on-error',
    tamper: jobKey('unit-tests', 'continue-on-error: true'),
    lost: 'unit-tests',
    job: 'unit-tests',
  },
  {
    label: 'secrets-scan continue-on-error',
    tamper: jobKey('secrets-scan', 'continue-on-error: true'),
    lost: 'secrets-scan',
    job: 'secrets-scan',
  },
  {
    label: 'sast job for pull requests only',
    tamper: jobKey('sast', "if: github.event_name == 'pull_request'"),
    lost: 'sast',
    job: 'sast',
  },
  {
    label: 'build job for pushes only',
    tamper: jobKey('build', "if: github.event_name == 'push'"),
    lost: 'build',
    job: 'build',
  },
  {
    label: 'ESLint step only echoes',
    tamper: replace(
      'run: npm run lint -- --format json --output-file reports/eslint.json',
      'run: echo "npm run lint passed"',
    ),
    lost: 'lint',
    job: 'lint',
  },
  {
    label: 'tsc step only echoes',
    tamper: replace(
      'run: mkdir -p reports && npm run typecheck 2>&1 | tee reports/tsc.txt',
      'run: echo tsc',
    ),
    lost: 'typecheck',
    job: 'type-check',
  },
  {
    label: 'tests swallowed with || true',
    tamper: replace(
      '        run: npm test\n',
      '        run: npm test || true\n',
    ),
    lost: 'unit-tests',
    job: 'unit-tests',
  },
  {
    label: 'tests commented out',
    tamper: replace(
      '        run: npm test\n',
      '        run: |\n          # npm test\n          echo skipped\n',
    ),
    lost: 'unit-tests',
    job: 'unit-tests',
  },
  {
    label: 'tests replaced by the smoke test',
    tamper: replace(
      '        run: npm test\n',
      '        run: ./scripts/smoke-test.sh http://localhost:8080\n',
    ),
    lost: 'unit-tests',
  },
  {
    label: 'gitleaks scan only echoes',
    tamper: replace(
      'run: gitleaks git --redact --verbose --exit-code 1 .',
      'run: echo "gitleaks git --redact ."',
    ),
    lost: 'secrets-scan',
    job: 'secrets-scan',
  },
  {
    label: 'gitleaks scan step if: false',
    tamper: replace(
      '      - name: Scan history for secrets\n',
      '      - name: Scan history for secrets\n        if: false\n',
    ),
    lost: 'secrets-scan',
    job: 'secrets-scan',
  },
  {
    label: 'coverage threshold lowered to 50',
    tamper: replace(
      'coverage/coverage-summary.json 80',
      'coverage/coverage-summary.json 50',
    ),
    lost: 'coverage-threshold',
    job: 'unit-tests',
  },
  {
    label: 'coverage threshold step removed',
    tamper: replace(
      / {6}- name: Coverage threshold \(80% lines\)\n {8}run: [^\n]*\n/,
      '',
    ),
    lost: 'coverage-threshold',
  },
  {
    label: 'coverage turned off',
    tamper: replace(
      '        run: npm test\n',
      '        run: npm test -- --coverage.enabled=false\n',
    ),
    lost: 'coverage-threshold',
    job: 'unit-tests',
  },
  {
    label: 'npm audit swallowed',
    tamper: replace(
      'npm audit --audit-level=high --json > reports/npm-audit.json',
      'npm audit --json > reports/npm-audit.json || true',
    ),
    lost: 'dependency-audit',
    job: 'dependency-audit',
  },
  {
    label: 'schema check only echoes',
    tamper: replace(
      'run: npx --yes @stoplight/spectral-cli@6 lint --fail-severity warn api/openapi.yaml',
      'run: echo "spectral lint ok"',
    ),
    lost: 'schema-check',
    job: 'schema-check',
  },
  {
    label: 'signing step continue-on-error',
    tamper: replace(
      '      - name: Sign the package (keyless)\n',
      '      - name: Sign the package (keyless)\n        continue-on-error: true\n',
    ),
    lost: 'signing',
    job: 'sign-and-attest',
  },
  {
    label: 'provenance step removed',
    tamper: replace(
      / {6}- name: Attest build provenance\n {8}id: attest\n {8}uses: [^\n]*\n {8}with:\n {10}subject-path: [^\n]*\n/,
      '',
    ),
    lost: 'provenance',
  },
  {
    label: 'CodeQL analysis continue-on-error',
    tamper: replace(
      '      - name: CodeQL analysis\n',
      '      - name: CodeQL analysis\n        continue-on-error: true\n',
    ),
    lost: 'sast',
    job: 'sast',
  },
  {
    label: 'contract-tests job deleted',
    tamper: deleteJob('contract-tests'),
    lost: 'contract-tests',
  },
  {
    label: 'API diff swallowed with || true',
    tamper: replace(
      'node scripts/check-api-compat.mjs "$base"\n',
      'node scripts/check-api-compat.mjs "$base" || true\n',
    ),
    lost: 'contract-tests',
    job: 'contract-tests',
  },
  {
    label: 'integration tests only echo',
    tamper: replace(
      'run: npm run integration-test',
      'run: echo "npm run integration-test"',
    ),
    lost: 'integration-tests',
    job: 'integration-tests',
  },
  {
    label: 'integration-tests continue-on-error',
    tamper: jobKey('integration-tests', 'continue-on-error: true'),
    lost: 'integration-tests',
    job: 'integration-tests',
  },
  {
    label: 'IaC scan steps if: false',
    tamper: ci =>
      replace(
        '      - name: Validate the manifests (kubeconform)\n',
        '      - name: Validate the manifests (kubeconform)\n        if: false\n',
      )(
        replace(
          '      - name: Scan deploy/ and the Dockerfile (trivy config)\n',
          '      - name: Scan deploy/ and the Dockerfile (trivy config)\n        if: false\n',
        )(ci),
      ),
    lost: 'iac-scan',
    job: 'iac-scan',
  },
  {
    label: 'image scan for pull requests only',
    tamper: jobKey('image-scan', "if: github.event_name == 'pull_request'"),
    lost: 'image-scan',
    job: 'image-scan',
  },
  {
    label: 'image scan job deleted',
    tamper: deleteJob('image-scan'),
    lost: 'image-scan',
  },
];

export const TRIGGER_CASES: { label: string; tamper: Tamper }[] = [
  {
    label: 'pull_request trigger removed',
    tamper: replace('on:\n  pull_request:\n  push:', 'on:\n  push:'),
  },
  {
    label: 'push limited to another branch',
    tamper: replace('    branches: [main]', '    branches: [develop]'),
  },
  {
    label: 'manual dispatch only',
    tamper: replace(
      /on:\n {2}pull_request:\n {2}push:\n {4}branches: \[main\]\n/,
      'on:\n  workflow_dispatch:\n',
    ),
  },
  {
    label: 'main ignored on pushes',
    tamper: replace('    branches: [main]', '    branches-ignore: [main]'),
  },
];
