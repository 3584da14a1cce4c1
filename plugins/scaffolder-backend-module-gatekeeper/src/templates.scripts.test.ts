/*
 * The delivery scripts of the generated services, executed on rendered
 * repositories: set-image.sh and verify-image.sh (the release's deploy
 * guards), the OpenAPI breaking-change diff (contract-tests job) on real git
 * history, and the Conventional Commits PR-title check.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'fs-extra';
import path from 'node:path';
import { promisify } from 'node:util';
import { gitCommitAll } from './__testUtils__/gitRepo';
import {
  makeTempDir,
  PARAMETER_SETS,
  REPO_ROOT,
  renderWithFetchTemplate,
} from './__testUtils__/templates';

const exec = promisify(execFile);
const { params } = PARAMETER_SETS[0];
const IMAGE = `ghcr.io/acme/${params.name}`;
const DIGEST = `sha256:${'ab12'.repeat(16)}`;

/**
 * An interpreter with PyYAML (a dev dependency of the python service), by
 * absolute path: a `.python-version` in the rendered repository must not
 * switch interpreters under pyenv.
 */
function pythonWithYaml(): string | undefined {
  try {
    return execFileSync(
      'python3',
      ['-c', 'import sys, yaml; print(sys.executable)'],
      { encoding: 'utf8' },
    ).trim();
  } catch {
    return undefined;
  }
}
const PYTHON = pythonWithYaml();

/** Exit code, stdout and stderr of a command (never throws on exit != 0). */
async function run(cmd: string, args: string[], cwd: string, env = {}) {
  return exec(cmd, args, { cwd, env: { ...process.env, ...env } }).then(
    r => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: any) => ({
      code: e.code as number,
      out: String(e.stdout),
      err: String(e.stderr),
    }),
  );
}

const TEMPLATES = [
  {
    name: 'typescript-service',
    api: ['node', 'scripts/check-api-compat.mjs'],
    title: ['node', 'scripts/check-pr-title.mjs'],
  },
  {
    name: 'python-service',
    api: [PYTHON ?? 'python3', 'scripts/check_api_compat.py'],
    title: [PYTHON ?? 'python3', 'scripts/check_pr_title.py'],
  },
];

/** Edits of api/openapi.yaml that break clients: label, from, to, message. */
const BREAKING_API_EDITS: Array<[string, string, string, RegExp]> = [
  [
    'a tightened limit',
    '            maxLength: 64\n',
    '            maxLength: 32\n',
    /maxLength tightened from 64 to 32/,
  ],
  [
    'a removed operation',
    '  /readyz:\n',
    '  /readiness:\n',
    /\/readyz: path removed/,
  ],
  [
    'a new required parameter',
    '          required: false\n',
    '          required: true\n',
    /parameter query:name became required/,
  ],
  [
    'a removed response field',
    '                required: [message, service]\n',
    '                required: [message]\n',
    /property service no longer always present/,
  ],
  [
    'a changed type',
    '        status:\n          type: string\n',
    '        status:\n          type: integer\n',
    /type changed from string to integer/,
  ],
];

describe.each(TEMPLATES)('scripts of $name', ({ name, api, title }) => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('scripts');
    await renderWithFetchTemplate(name, params, dir);
    // the node script imports `yaml` (a devDependency of the service)
    await fs.ensureSymlink(
      path.join(REPO_ROOT, 'node_modules/yaml'),
      path.join(dir, 'node_modules/yaml'),
    );
  });
  afterAll(() => fs.remove(dir));

  describe('set-image.sh', () => {
    const out = () => path.join(dir, '.out');
    afterEach(() => fs.remove(out()));

    it('writes the manifests with the signed digest, leaving deploy/ untouched', async () => {
      const before = await fs.readFile(
        path.join(dir, 'deploy/rollout.yaml'),
        'utf8',
      );
      const r = await run(
        'bash',
        ['scripts/set-image.sh', `${IMAGE}@${DIGEST}`, out()],
        dir,
      );
      expect(r).toMatchObject({ code: 0 });
      const rendered = await fs.readFile(
        path.join(out(), 'rollout.yaml'),
        'utf8',
      );
      expect(rendered).toContain(`image: ${IMAGE}@${DIGEST}\n`);
      expect(rendered).not.toContain('0000000000');
      expect(
        rendered.replace(
          `${IMAGE}@${DIGEST}`,
          `${IMAGE}@sha256:${'0'.repeat(64)}`,
        ),
      ).toBe(before);
      expect((await fs.readdir(out())).sort()).toEqual(
        (await fs.readdir(path.join(dir, 'deploy'))).sort(),
      );
    });

    it.each([
      ['a tag', `${IMAGE}:latest`, /not an image digest reference/],
      [
        'a tag and digest mix',
        `${IMAGE}:v1@sha256:abc`,
        /not an image digest reference/,
      ],
      [
        'another repository',
        `ghcr.io/evil/other@${DIGEST}`,
        /is not an image of ghcr.io\/acme/,
      ],
      ['the placeholder', `${IMAGE}@sha256:${'0'.repeat(64)}`, /placeholder/],
      [
        'a newline injection',
        `${IMAGE}@${DIGEST}\nimage: x`,
        /not an image digest reference/,
      ],
    ])('refuses %s', async (_label, ref, message) => {
      const r = await run('bash', ['scripts/set-image.sh', ref, out()], dir);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(await fs.pathExists(out())).toBe(false);
    });
  });

  describe('verify-image.sh', () => {
    let bin: string;
    let log: string;
    beforeAll(async () => {
      bin = path.join(dir, '.fakebin');
      log = path.join(dir, '.calls');
      for (const tool of ['cosign', 'gh']) {
        await fs.outputFile(
          path.join(bin, tool),
          `#!/usr/bin/env bash\necho "${tool} $*" >> "${log}"\n[ -z "$FAIL_${tool.toUpperCase()}" ]\n`,
          { mode: 0o755 },
        );
      }
    });
    beforeEach(() => fs.remove(log));
    const verify = (ref: string, env: Record<string, string> = {}) =>
      run('bash', ['scripts/verify-image.sh', ref], dir, {
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        GITHUB_REPOSITORY: 'acme/payments-api',
        GITHUB_SERVER_URL: 'https://github.com',
        ...env,
      });

    it('checks signature, SBOM attestation and provenance against the release workflow on main', async () => {
      const r = await verify(`${IMAGE}@${DIGEST}`);
      expect(r).toMatchObject({ code: 0 });
      const identity =
        'https://github.com/acme/payments-api/.github/workflows/release.yml@refs/heads/main';
      const issuer = 'https://token.actions.githubusercontent.com';
      expect((await fs.readFile(log, 'utf8')).trim().split('\n')).toEqual([
        `cosign verify --certificate-identity ${identity} --certificate-oidc-issuer ${issuer} ${IMAGE}@${DIGEST}`,
        `cosign verify-attestation --type spdxjson --certificate-identity ${identity} --certificate-oidc-issuer ${issuer} ${IMAGE}@${DIGEST}`,
        `gh attestation verify oci://${IMAGE}@${DIGEST} --repo acme/payments-api --signer-workflow acme/payments-api/.github/workflows/release.yml`,
      ]);
    });

    it.each(['COSIGN', 'GH'])('fails when the %s check fails', async tool => {
      const r = await verify(`${IMAGE}@${DIGEST}`, { [`FAIL_${tool}`]: '1' });
      expect(r.code).not.toBe(0);
      expect(r.out).not.toMatch(/verified/);
    });

    it('refuses a tag before calling anything', async () => {
      const r = await verify(`${IMAGE}:latest`);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/not a digest reference/);
      expect(await fs.pathExists(log)).toBe(false);
    });
  });

  const maybeApi =
    name === 'python-service' && !PYTHON ? describe.skip : describe;
  maybeApi('API breaking-change diff on git history', () => {
    let repo: string;
    const contract = () => path.join(repo, 'api/openapi.yaml');
    const edit = async (from: string | RegExp, to: string) => {
      const text = await fs.readFile(contract(), 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`edit did not apply: ${from}`);
      await fs.writeFile(contract(), next);
    };
    beforeEach(async () => {
      repo = await makeTempDir('api-diff');
      await fs.copy(dir, repo);
      await gitCommitAll(repo, 'base');
    });
    afterEach(() => fs.remove(repo));
    const diff = (base = 'HEAD') => run(api[0], [api[1], base], repo);

    it('passes unchanged, additive changes and the first commit', async () => {
      expect(await diff('HEAD^')).toMatchObject({
        code: 0,
        out: expect.stringMatching(/first commit/),
      });
      expect(await diff()).toMatchObject({
        code: 0,
        out: expect.stringMatching(/no breaking change/),
      });
      await edit('            maxLength: 64\n', '            maxLength: 128\n');
      await edit(
        '                  service:\n                    type: string\n',
        '                  service:\n                    type: string\n                  locale:\n                    type: string\n',
      );
      await edit(
        'paths:\n',
        'paths:\n  /api/v1/extra:\n    get:\n      responses:\n        "200":\n          description: ok\n',
      );
      expect(await diff()).toMatchObject({ code: 0 });
    });

    it.each(BREAKING_API_EDITS)(
      'fails on %s, naming it',
      async (_label, from, to, message) => {
        await edit(from, to);
        const r = await diff();
        expect(r.code).toBe(1);
        expect(r.err).toMatch(message);
        expect(r.err).toMatch(/breaking change\(s\) against HEAD/);
      },
    );

    it('fails when the base ref is missing on a repository with history', async () => {
      await gitCommitAll(repo, 'second');
      const r = await diff('origin/main');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/base ref origin\/main does not exist/);
    });
  });

  describe('PR title check', () => {
    it.each([
      'feat(api): add refunds',
      'fix: handle empty names',
      'feat!: drop v1',
      'chore(deps): bump pg to 8.13.1',
    ])('accepts %s', async t =>
      expect(
        await run(title[0], [title[1]], dir, { PR_TITLE: t }),
      ).toMatchObject({ code: 0 }),
    );
    it.each([
      ['', /empty/],
      ['Add refunds', /expected "<type>/],
      ['feature: add refunds', /unknown type "feature"/],
      ['feat: add refunds.', /ends with a period/],
      ['feat(API): x', /expected "<type>/],
      [`feat: ${'x'.repeat(100)}`, /at most 100/],
    ])('refuses %j', async (t, message) => {
      const r = await run(title[0], [title[1]], dir, { PR_TITLE: t });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
    });
  });
});
