/**
 * Gatekeeper's demo gate policy as code. It lives inside the backend package
 * so the backend registers it without importing a file outside its package
 * (ADR 0007: gatePolicyServiceFactory in packages/backend/src/index.ts).
 *
 * The demo runs the built-in stop-ship criteria (`defaultGatePolicy`) with
 * remediation links to the demo's own docs site. The policy is validated with
 * zod when this file is imported (by the backend at start-up), so an edit
 * that breaks it fails fast with an error naming the field and gate. It also
 * holds the demo's campaigns as code (`campaigns`).
 */
import {
  defaultGatePolicy,
  defineGatePolicy,
} from '@gatekeeper/plugin-scorecards-common';

const docs = 'https://gatekeeper.example.com/docs/gates';

export default defineGatePolicy({
  ...defaultGatePolicy,
  gates: defaultGatePolicy.gates.map(gate => ({
    ...gate,
    remediation: `${docs}/${gate.id}`,
  })),
  // Campaigns as code: synced into the campaign store at start-up (source
  // "code"); change them here, not in the UI.
  campaigns: [
    {
      id: 'ownership-and-protection',
      title: 'Code owners and branch protection for production services',
      description:
        'Every production component has a CODEOWNERS file, a PR template and a protected default branch.',
      owner: 'group:default/platform-team',
      target: { gates: ['code-ownership', 'branch-protection'] },
      selector: { kinds: ['Component'], lifecycles: ['production'] },
      deadline: '2027-03-31',
    },
  ],
});
