import { Workflow } from './workflows';
import { Workspace } from './workspace';

/** A file (or npm script) a workflow step needs from the repository. @public */
export interface FileReference {
  /** Workflow file, relative to the repository root. */
  file: string;
  job: string;
  /** 1-based step index within the job. */
  step: number;
  /** Repository-relative path, or `package.json#scripts.<name>`. */
  path: string;
  /** Why the step needs it (input name or command). */
  via: string;
}

/** `with:` inputs of actions that name a file the action reads. */
const FILE_INPUTS =
  /^(node-version-file|python-version-file|go-version-file|java-version-file|ruby-version-file|cache-dependency-path|config-file|dockerfile)$/;

/** Directories CI writes into: paths below them are outputs, not inputs. */
const GENERATED_DIRS = new Set([
  'coverage',
  'dist',
  'build',
  'reports',
  'node_modules',
  '.venv',
  'site',
  'htmlcov',
]);
const GENERATED_FILES = new Set([
  'coverage.xml',
  '.coverage',
  'sbom.spdx.json',
]);

/** Flags whose argument is a file the command writes. */
const OUTPUT_FLAGS =
  /^(-o|--output|--output-file|--outputFile|--bundle|--junitxml|>|>>|tee|-a)$/;

const FILE_TOKEN =
  /^(?:\.\/)?[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\.(?:sh|mjs|cjs|js|ts|py|ya?ml|json|toml|txt|cfg|ini)$/;

function tokens(line: string): string[] {
  return line
    .split(/[\s;|&()]+/)
    .map(t => t.replace(/^['"]|['"]$/g, ''))
    .filter(Boolean);
}

/** Files and npm scripts a `run:` script needs from the repository. */
function runReferences(run: string): { path: string; via: string }[] {
  const out: { path: string; via: string }[] = [];
  for (const line of run.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    const words = tokens(line);
    words.forEach((word, i) => {
      if (i > 0 && OUTPUT_FLAGS.test(words[i - 1])) return;
      // `[ -f file ]`: the script checks whether the file exists
      if (
        i > 1 &&
        /^-[efsd]$/.test(words[i - 1]) &&
        /^(\[\[?|test|!)$/.test(words[i - 2])
      ) {
        return;
      }
      const npmScript =
        i >= 2 &&
        words[i - 1] === 'run' &&
        /^(npm|pnpm|yarn)$/.test(words[i - 2]);
      if (npmScript && /^[\w:.-]+$/.test(word)) {
        out.push({
          path: `package.json#scripts.${word}`,
          via: `npm run ${word}`,
        });
        return;
      }
      if (!FILE_TOKEN.test(word) || word.includes('$')) return;
      const rel = word.replace(/^\.\//, '');
      if (GENERATED_DIRS.has(rel.split('/')[0]) || GENERATED_FILES.has(rel)) {
        return;
      }
      // a bare name with no directory is only a file when run as one
      if (!rel.includes('/') && !word.startsWith('./') && i === 0) return;
      out.push({ path: rel, via: line.trim() });
    });
    if (/\bpip3? install\b[^\n]*\s-e\s+['"]?\.(\[|['"\s]|$)/.test(line)) {
      out.push({ path: 'pyproject.toml', via: 'pip install -e .' });
    }
  }
  return out;
}

/**
 * Every repository file the workflows reference: version files and
 * dependency paths of setup actions, scripts and configs named in `run:`
 * steps, and the npm scripts `npm run` calls.
 * @public
 */
export function referencedFiles(workflows: Workflow[]): FileReference[] {
  const refs: FileReference[] = [];
  for (const wf of workflows) {
    for (const job of wf.jobs) {
      job.steps.forEach((step, index) => {
        const at = { file: wf.file, job: job.id, step: index + 1 };
        for (const [input, value] of Object.entries(step.with ?? {})) {
          if (!FILE_INPUTS.test(input) || typeof value !== 'string') continue;
          for (const p of value.split('\n').map(v => v.trim())) {
            if (p && !p.includes('*') && !p.includes('$')) {
              refs.push({ ...at, path: p.replace(/^\.\//, ''), via: input });
            }
          }
        }
        if (step.run) {
          for (const r of runReferences(step.run)) refs.push({ ...at, ...r });
        }
      });
    }
  }
  return refs;
}

/**
 * One line per reference whose file (or npm script) is missing from the
 * workspace, naming the workflow, job and step.
 * @public
 */
export async function missingReferencedFiles(
  ws: Workspace,
  workflows: Workflow[],
): Promise<string[]> {
  const files = new Set(await ws.files());
  let scripts: Record<string, unknown> | undefined;
  try {
    scripts = JSON.parse((await ws.read('package.json')) ?? '{}').scripts;
  } catch {
    scripts = undefined;
  }
  const problems: string[] = [];
  for (const ref of referencedFiles(workflows)) {
    const script = /^package\.json#scripts\.(.+)$/.exec(ref.path);
    const present = script
      ? Boolean(scripts && typeof scripts[script[1]] === 'string')
      : files.has(ref.path);
    if (!present) {
      problems.push(
        `${ref.file} job "${ref.job}" step ${ref.step} needs ${ref.path} (${ref.via}), which is not in the repository`,
      );
    }
  }
  return [...new Set(problems)];
}
