import {
  DEFAULT_CAPABILITY_EVENTS,
  jobCapabilities,
  WORKFLOW_CAPABILITY_DETECTORS,
  WORKFLOW_CAPABILITY_FACTS,
  WorkflowCapability,
  workflowCapabilities,
  workflowTriggers,
} from './workflowCapabilities';

const runCaps = (run: string) => jobCapabilities({ steps: [{ run }] });
const usesCaps = (uses: string) => jobCapabilities({ steps: [{ uses }] });

// Every tool either former detector (scorecards provider, scaffolder module)
// recognised, by capability.
const RUN_EXAMPLES: Record<WorkflowCapability, string[]> = {
  lint: [
    'npx eslint .',
    'npm run lint',
    'ruff check .',
    'flake8 src',
    'pylint service',
    'golangci-lint run',
    'backstage-cli package lint',
    'biome check .',
    'rubocop',
    'ktlint',
    'stylelint "**/*.css"',
    'hadolint Dockerfile',
    'actionlint',
  ],
  typecheck: [
    'npx tsc --noEmit',
    'npm run typecheck',
    'yarn type-check',
    'mypy',
    'pyright',
    'go vet ./...',
    'flow check',
  ],
  'unit-tests': [
    'npm test',
    'npm t',
    'npx jest',
    'vitest run',
    'pytest -q',
    'go test ./...',
    'cargo test',
    'mvn -B verify',
    './gradlew test',
    'backstage-cli repo test',
    'mocha',
  ],
  coverage: [
    'jest --coverage',
    'pytest --cov=app',
    'go test -coverprofile=c.out ./...',
    'coverage run -m pytest',
    'npm run test:coverage',
  ],
  'coverage-threshold': [
    'pytest --cov-fail-under=80',
    'coverage report --fail-under=80',
    'nyc check-coverage --lines 80',
    'node scripts/check-coverage-threshold.mjs coverage.json 80',
    `jest --coverageThreshold='{"global":{"lines":80}}'`,
    'vitest run --coverage.thresholds.lines=80',
    'go-test-coverage --config x --min-coverage 80',
  ],
  build: [
    'npm run build',
    'tsc -p tsconfig.build.json',
    'go build ./...',
    'python -m build',
    'docker buildx build .',
    'npm pack',
  ],
  sast: [
    'semgrep ci',
    'gosec ./...',
    'bandit -r src',
    'brakeman',
    'codeql database create db',
  ],
  'secrets-scan': [
    'gitleaks git --redact .',
    'trufflehog filesystem .',
    'detect-secrets scan',
    'ggshield secret scan ci',
  ],
  'dependency-audit': [
    'osv-scanner -r .',
    'npm audit --audit-level=high',
    'yarn npm audit',
    'pnpm audit',
    'pip-audit --strict',
    'govulncheck ./...',
    'safety check',
    'cargo audit',
    'snyk test',
    'bundle audit',
  ],
  sbom: [
    'syft . -o spdx-json',
    'cyclonedx-py environment',
    'npx @cyclonedx/cyclonedx-npm',
    'cdxgen -o bom.json',
    'trivy fs --format cyclonedx .',
  ],
  signing: ['cosign sign --yes image', 'cosign sign-blob --yes x.tgz'],
  provenance: [
    'slsa-verifier verify-artifact x',
    'cosign attest --type slsaprovenance --predicate p.json image',
  ],
  'schema-check': [
    'buf breaking --against .git#branch=main',
    'oasdiff breaking a.yaml b.yaml',
    'openapi-diff a.yaml b.yaml',
    'npx @redocly/cli lint api/openapi.yaml',
    'spectral lint api.yaml',
    'check-jsonschema --schemafile s.json x.json',
    'npm run schema:check',
    'ajv validate -s schema.json -d data.json',
  ],
  'smoke-tests': ['./scripts/smoke-test.sh "$BASE_URL"'],
  canary: [
    'kubectl argo rollouts status svc --watch',
    'kubectl-argo-rollouts promote svc',
  ],
  'integration-tests': [
    'npm run integration-test',
    'npm run test:integration',
    'pytest --no-cov integration_tests',
    'go test -tags=integration ./...',
  ],
  'contract-tests': [
    'node scripts/check-api-compat.mjs origin/main',
    'python scripts/check_api_compat.py HEAD^',
    'oasdiff breaking base.yaml api/openapi.yaml --fail-on ERR',
    'buf breaking --against .git#branch=main',
    'pact-broker can-i-deploy --pacticipant svc',
  ],
  'iac-scan': [
    'trivy config --exit-code 1 .',
    'kubeconform -strict deploy/',
    'set -e\n  kubeconform -summary \\\n  deploy/',
    'cd deploy && "$RUNNER_TEMP"/kubeconform .',
    'checkov -d deploy',
    'kube-linter lint deploy',
    'conftest test deploy',
  ],
  'image-scan': [
    'trivy image --exit-code 1 img@sha256:x',
    'grype img:tag --fail-on high',
    'docker scout cves img',
  ],
  'commit-lint': [
    'node scripts/check-pr-title.mjs',
    'python3 scripts/check_pr_title.py',
    'npx commitlint --from origin/main',
  ],
};

const USES_EXAMPLES: Partial<Record<WorkflowCapability, string[]>> = {
  lint: [
    'golangci/golangci-lint-action@v6',
    'github/super-linter@v5',
    'reviewdog/action-eslint/lint@v1',
  ],
  build: ['docker/build-push-action@v6'],
  sast: [
    'github/codeql-action/analyze@v3',
    'returntocorp/semgrep-action@v1',
    'semgrep/semgrep-action@v1',
    'securego/gosec@master',
    'SonarSource/sonarcloud-github-action@v2',
    'PyCQA/bandit-action@v1',
  ],
  'secrets-scan': [
    'gitleaks/gitleaks-action@v2',
    'trufflesecurity/trufflehog@main',
  ],
  'dependency-audit': [
    'actions/dependency-review-action@v4',
    'google/osv-scanner-action/osv-scanner-action@v1',
    'snyk/actions/node@master',
    'pypa/gh-action-pip-audit@v1',
  ],
  sbom: [
    'anchore/sbom-action@v0',
    'anchore/sbom-action/download-syft@v0',
    'CycloneDX/gh-node-module-generatebom@v1',
  ],
  signing: ['sigstore/gh-action-sigstore-python@v3'],
  provenance: [
    'actions/attest-build-provenance@v2',
    'slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.0.0',
  ],
  'schema-check': [
    'bufbuild/buf-breaking-action@v1',
    'oasdiff/oasdiff-action/breaking@main',
  ],
  'contract-tests': ['oasdiff/oasdiff-action/breaking@main'],
  'iac-scan': ['bridgecrewio/checkov-action@v12'],
  'image-scan': ['anchore/scan-action@v6'],
  'commit-lint': [
    'amannn/action-semantic-pull-request@v5',
    'wagoid/commitlint-github-action@v6',
  ],
};

describe('jobCapabilities', () => {
  it.each(Object.entries(RUN_EXAMPLES))(
    'recognises %s from run scripts',
    (capability, runs) => {
      for (const run of runs) {
        expect([run, runCaps(run)]).toEqual([
          run,
          expect.arrayContaining([capability]),
        ]);
      }
    },
  );

  it.each(Object.entries(USES_EXAMPLES))(
    'recognises %s from action references',
    (capability, refs) => {
      for (const ref of refs!) {
        expect([ref, usesCaps(ref)]).toEqual([
          ref,
          expect.arrayContaining([capability]),
        ]);
      }
    },
  );

  it('finds nothing in unrelated steps', () => {
    expect(runCaps('echo hello && npm ci')).toEqual([]);
    expect(usesCaps('actions/checkout@v4')).toEqual([]);
    expect(usesCaps('codecov/codecov-action@v4')).toEqual([]);
    expect(jobCapabilities(undefined)).toEqual([]);
    expect(jobCapabilities({ steps: 'npm test' })).toEqual([]);
    expect(jobCapabilities({ steps: [null, { run: 42, uses: 7 }] })).toEqual(
      [],
    );
  });

  it('ignores the ref when matching anchored action names', () => {
    expect(usesCaps('docker/build-push-action@v6')).toEqual(['build']);
    expect(usesCaps('docker/build-push-action-fork@v6')).toEqual([]);
  });

  it('recognises a coverage threshold from coverage action inputs', () => {
    const codecov = (inputs: unknown) =>
      jobCapabilities({
        steps: [{ uses: 'codecov/codecov-action@v4', with: inputs }],
      });
    expect(codecov({ fail_ci_if_error: true })).toEqual(['coverage-threshold']);
    expect(codecov({ token: 'x' })).toEqual([]);
    // threshold inputs of a non-coverage action do not count
    expect(
      jobCapabilities({
        steps: [{ uses: 'acme/perf-action@v1', with: { threshold: 5 } }],
      }),
    ).toEqual([]);
  });

  it('inspects a reusable workflow job and its inputs', () => {
    expect(
      jobCapabilities({
        uses: 'org/ci/.github/workflows/coverage.yml@main',
        with: { minimum_coverage: 80 },
      }),
    ).toEqual(['coverage-threshold']);
    expect(
      jobCapabilities({
        uses: 'slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@v2.0.0',
      }),
    ).toEqual(['provenance']);
  });

  it('returns capabilities in table order without duplicates', () => {
    const caps = jobCapabilities({
      steps: [
        { run: 'npm test' },
        { run: 'npx eslint .' },
        { run: 'npx jest' },
      ],
    });
    expect(caps).toEqual(['lint', 'unit-tests', 'coverage']);
  });
});

describe('workflowCapabilities', () => {
  const workflow = {
    name: 'CI',
    on: { pull_request: {}, push: { branches: ['main'] } },
    jobs: {
      lint: { steps: [{ run: 'npm run lint' }] },
      sast: { steps: [{ uses: 'github/codeql-action/analyze@abc' }] },
      tests: { steps: [{ run: 'pytest --cov-fail-under=80' }] },
      other: { steps: [{ run: 'echo done' }] },
    },
  };

  it('reports capabilities per job and per workflow', () => {
    expect(workflowCapabilities(workflow)).toMatchObject({
      triggers: ['pull_request', 'push'],
      jobs: {
        lint: ['lint'],
        sast: ['sast'],
        tests: ['unit-tests', 'coverage', 'coverage-threshold'],
        other: [],
      },
      capabilities: [
        'lint',
        'unit-tests',
        'coverage',
        'coverage-threshold',
        'sast',
      ],
    });
  });

  it('filters workflows by event', () => {
    expect(
      workflowCapabilities(workflow, { events: DEFAULT_CAPABILITY_EVENTS })
        ?.capabilities,
    ).toHaveLength(5);
    const release = { ...workflow, on: 'release' };
    expect(
      workflowCapabilities(release, { events: DEFAULT_CAPABILITY_EVENTS }),
    ).toMatchObject({ triggers: ['release'], jobs: {}, capabilities: [] });
    // with requireGateTriggers only workflows gating pushes and pull
    // requests of the default branch count
    expect(
      workflowCapabilities(release, { requireGateTriggers: true }),
    ).toMatchObject({
      capabilities: [],
      triggerProblem: 'does not run on pushes to and pull requests to main',
    });
    // without it (and no event filter) every workflow counts
    expect(workflowCapabilities(release)?.capabilities).toContain('sast');
  });

  it('rejects documents that are not workflows', () => {
    expect(workflowCapabilities(undefined)).toBeUndefined();
    expect(workflowCapabilities('jobs')).toBeUndefined();
    expect(workflowCapabilities({ on: 'push' })).toBeUndefined();
    expect(workflowCapabilities({ jobs: ['a'] })).toBeUndefined();
    expect(workflowCapabilities({ jobs: {} })).toMatchObject({
      triggers: [],
      jobs: {},
      capabilities: [],
    });
  });
});

describe('workflowTriggers', () => {
  it('reads string, list and map forms of on:', () => {
    expect(workflowTriggers({ on: 'push' })).toEqual(['push']);
    expect(workflowTriggers({ on: ['push', 1, 'pull_request'] })).toEqual([
      'push',
      'pull_request',
    ]);
    expect(workflowTriggers({ on: { workflow_dispatch: null } })).toEqual([
      'workflow_dispatch',
    ]);
    // YAML 1.1 readers turn the `on` key into `true`
    expect(workflowTriggers({ true: { push: {} } })).toEqual(['push']);
    expect(workflowTriggers({})).toEqual([]);
    expect(workflowTriggers(null)).toEqual([]);
  });
});

describe('capability facts', () => {
  it('maps the gated capabilities to repo.workflow facts', () => {
    expect(WORKFLOW_CAPABILITY_FACTS).toEqual({
      lint: 'repo.workflow.lint',
      typecheck: 'repo.workflow.typecheck',
      'unit-tests': 'repo.workflow.unit-tests',
      'coverage-threshold': 'repo.workflow.coverage-threshold',
      sast: 'repo.workflow.sast',
      'secrets-scan': 'repo.workflow.secrets-scan',
      'dependency-audit': 'repo.workflow.dependency-audit',
      sbom: 'repo.workflow.sbom',
      signing: 'repo.workflow.signing',
      provenance: 'repo.workflow.provenance',
      'schema-check': 'repo.workflow.schema-check',
    });
    for (const capability of Object.keys(WORKFLOW_CAPABILITY_FACTS)) {
      expect(WORKFLOW_CAPABILITY_DETECTORS).toHaveProperty(capability);
    }
    expect(Object.keys(RUN_EXAMPLES).sort()).toEqual(
      Object.keys(WORKFLOW_CAPABILITY_DETECTORS).sort(),
    );
  });
});
