/*
 * Every `run:` step of the rendered workflows and every shell script of the
 * generated services is shellcheck-clean (as actionlint checks run steps).
 * Skipped, and said so, when shellcheck is not installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import {
  makeTempDir,
  PARAMETER_SETS,
  renderWithFetchTemplate,
  TEMPLATE_NAMES,
} from './__testUtils__/templates';
import { listFiles } from './lib/workspace';

const exec = promisify(execFile);

function shellcheckPath(): string | undefined {
  try {
    execFileSync('shellcheck', ['--version'], { stdio: 'ignore' });
    return 'shellcheck';
  } catch {
    return undefined;
  }
}
const shellcheck = shellcheckPath();
const describeShellcheck = shellcheck ? describe : describe.skip;
if (!shellcheck) {
  process.stderr.write(
    'templates.delivery: shellcheck not installed (apt-get install shellcheck); shellcheck tests skipped\n',
  );
}

type Job = { steps?: Record<string, any>[] };

describe.each(TEMPLATE_NAMES)('%s', templateName => {
  describe.each(PARAMETER_SETS)('rendered with $label', ({ params }) => {
    let dir: string;
    let files: string[];
    const read = (rel: string) => fs.readFile(path.join(dir, rel), 'utf8');

    beforeAll(async () => {
      dir = await makeTempDir('shellcheck');
      await renderWithFetchTemplate(templateName, params, dir);
      files = await listFiles(dir);
    });

    afterAll(async () => {
      await fs.remove(dir);
    });

    describeShellcheck('shellcheck', () => {
      it('every workflow run: step and script is shellcheck-clean', async () => {
        const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'gk-shellcheck-'));
        const targets: string[] = [];
        try {
          for (const f of files.filter(x =>
            x.startsWith('.github/workflows/'),
          )) {
            for (const [id, job] of Object.entries<Job>(
              parse(await read(f)).jobs,
            )) {
              (job.steps ?? []).forEach((step, i) => {
                if (!step.run) return;
                // as actionlint does: an expression becomes a same-length word
                const body = String(step.run).replace(
                  /\$\{\{[\s\S]*?\}\}/g,
                  m => `_${'x'.repeat(m.length - 1)}`,
                );
                const file = path.join(
                  tmp,
                  `${path.basename(f)}.${id}.${i + 1}.sh`,
                );
                fs.writeFileSync(
                  file,
                  `#!/usr/bin/env bash\nset -eo pipefail\n${body}\n`,
                );
                targets.push(file);
              });
            }
          }
          targets.push(
            ...files.filter(x => x.endsWith('.sh')).map(x => path.join(dir, x)),
          );
          expect(targets.length).toBeGreaterThan(30);
          // SC2154: variables come from the step's env:, which shellcheck cannot see
          const result = await exec(shellcheck!, [
            '--shell=bash',
            '--exclude=SC2154',
            ...targets,
          ]).then(
            () => '',
            (e: any) => String(e.stdout),
          );
          expect(result).toBe('');
        } finally {
          await fs.remove(tmp);
        }
      });
    });
  });
});
