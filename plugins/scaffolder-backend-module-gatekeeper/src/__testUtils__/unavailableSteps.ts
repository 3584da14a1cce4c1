/*
 * Steps of the generated ci.yml that cannot run on this machine, with the
 * reason and what covers them instead (templates.ci.*.test.ts).
 */
import { UnavailableStep } from './ciRunner';

const gh = 'github.com is unreachable here';

/** The IaC and image scan jobs: the tools come from github.com, images need a Docker daemon. */
const SCAN_STEPS: UnavailableStep[] = [
  {
    job: 'iac-scan',
    step: 'Install trivy (checksum verified)',
    reason: `${gh} (release download)`,
    coveredBy:
      'actionlint + shellcheck of the step (templates.delivery.test.ts)',
  },
  {
    job: 'iac-scan',
    step: 'Install kubeconform (checksum verified)',
    reason: `${gh} (release download)`,
    coveredBy:
      'actionlint + shellcheck of the step (templates.delivery.test.ts)',
  },
  {
    job: 'iac-scan',
    step: 'Scan deploy/ and the Dockerfile (trivy config)',
    reason: 'trivy is not installed here',
    coveredBy:
      'templates.delivery.test.ts: the rendered Argo resources validated (weights, analysis metrics, securityContext, digest image)',
  },
  {
    job: 'iac-scan',
    step: 'Validate the manifests (kubeconform)',
    reason: 'kubeconform and its schemas (github.com) are not available here',
    coveredBy:
      'templates.delivery.test.ts: every rendered manifest parsed and checked for apiVersion/kind/metadata',
  },
  {
    job: 'image-scan',
    step: 'Build the image',
    reason: 'no Docker daemon on this machine',
    coveredBy: 'the build job (same sources) and baseline verify',
  },
  {
    job: 'image-scan',
    step: 'Install trivy (checksum verified)',
    reason: `${gh} (release download)`,
    coveredBy: 'actionlint + shellcheck of the step',
  },
  {
    job: 'image-scan',
    step: 'Scan the image (trivy, fail on HIGH and CRITICAL)',
    reason: 'no image (no Docker daemon) and no trivy here',
    coveredBy:
      'gate analysis: the tamper corpus drops image-scan when the scan is disabled',
  },
];

export const TS_UNAVAILABLE: UnavailableStep[] = [
  ...SCAN_STEPS,
  {
    job: 'sast',
    step: 'Initialize CodeQL',
    reason: 'CodeQL runs only on GitHub runners',
    coveredBy:
      'actionlint + the pinned-action and sast detection checks of baseline verify',
  },
  {
    job: 'sast',
    step: 'CodeQL analysis',
    reason: 'CodeQL runs only on GitHub runners',
    coveredBy: 'actionlint + baseline verify (repo.workflow.sast)',
  },
  {
    job: 'secrets-scan',
    step: 'Install gitleaks (checksum verified)',
    reason: 'github.com (release download) is unreachable here',
    coveredBy:
      'actionlint/shellcheck of the step + baseline verify (repo.workflow.secrets-scan)',
  },
  {
    job: 'secrets-scan',
    step: 'Scan history for secrets',
    reason: 'gitleaks is not installed here',
    coveredBy: 'baseline verify (repo.workflow.secrets-scan)',
  },
  {
    job: 'dependency-audit',
    step: 'npm audit (high and critical)',
    reason: "this registry mirror answers 405 to npm's advisory bulk endpoint",
    coveredBy:
      'the reporter parsing npm audit --json output (fixture of the documented format) in this test',
  },
  {
    job: 'sbom',
    step: 'Generate SBOM (syft)',
    reason: 'anchore/sbom-action downloads syft from github.com',
    coveredBy: 'baseline verify (repo.workflow.sbom)',
  },
  {
    job: 'sign-and-attest',
    step: 'sigstore/cosign-installer',
    reason: 'needs github.com and an OIDC token',
    coveredBy: 'baseline verify (repo.workflow.signing)',
  },
  {
    job: 'sign-and-attest',
    step: 'Sign the package (keyless)',
    reason: 'cosign keyless signing needs a GitHub OIDC token',
    coveredBy: 'baseline verify (repo.workflow.signing)',
  },
  {
    job: 'sign-and-attest',
    step: 'Attest build provenance',
    reason: 'needs a GitHub OIDC token',
    coveredBy: 'baseline verify (repo.workflow.provenance)',
  },
  {
    job: 'sign-and-attest',
    step: 'Keep the provenance bundle with the package',
    reason: 'the attestation step did not run',
    coveredBy:
      'the reporter reading provenance.intoto.jsonl (reporter unit behaviour)',
  },
];

export const PY_UNAVAILABLE: UnavailableStep[] = [
  ...SCAN_STEPS,
  {
    job: 'sast',
    step: 'Initialize CodeQL',
    reason: 'CodeQL runs only on GitHub runners',
    coveredBy: 'actionlint + baseline verify (repo.workflow.sast)',
  },
  {
    job: 'sast',
    step: 'CodeQL analysis',
    reason: 'CodeQL runs only on GitHub runners',
    coveredBy: 'actionlint + baseline verify (repo.workflow.sast)',
  },
  {
    job: 'secrets-scan',
    step: 'Install gitleaks (checksum verified)',
    reason: gh,
    coveredBy:
      'actionlint/shellcheck + baseline verify (repo.workflow.secrets-scan)',
  },
  {
    job: 'secrets-scan',
    step: 'Scan history for secrets',
    reason: 'gitleaks is not installed here',
    coveredBy: 'baseline verify (repo.workflow.secrets-scan)',
  },
  {
    job: 'dependency-audit',
    step: 'Install dependencies and pip-audit',
    reason: "pip-audit is not on this machine's package index",
    coveredBy:
      'the same install in the lint/type-check/unit-tests jobs; pip-audit output parsed from its documented json format below',
  },
  {
    job: 'dependency-audit',
    step: 'pip-audit',
    reason:
      'pip-audit is not installed here (and needs the OSV/PyPI advisory API)',
    coveredBy:
      'the reporter parsing pip-audit --format json output in this test',
  },
  {
    job: 'sbom',
    step: 'Generate SBOM (syft)',
    reason: `anchore/sbom-action downloads syft; ${gh}`,
    coveredBy: 'baseline verify (repo.workflow.sbom)',
  },
  {
    job: 'sign-and-attest',
    step: 'sigstore/cosign-installer',
    reason: `${gh} and there is no OIDC token`,
    coveredBy: 'baseline verify (repo.workflow.signing)',
  },
  {
    job: 'sign-and-attest',
    step: 'Sign the package (keyless)',
    reason: 'keyless signing needs a GitHub OIDC token',
    coveredBy: 'baseline verify (repo.workflow.signing)',
  },
  {
    job: 'sign-and-attest',
    step: 'Attest build provenance',
    reason: 'needs a GitHub OIDC token',
    coveredBy: 'baseline verify (repo.workflow.provenance)',
  },
  {
    job: 'sign-and-attest',
    step: 'Keep the provenance bundle with the package',
    reason: 'the attestation step did not run',
    coveredBy: 'the reporter reading dist/provenance.intoto.jsonl',
  },
];
