import fs from 'fs-extra';
import path from 'node:path';
import { classifyDrift } from '../lib/classifyDrift';
import { computeDrift, formatDriftReport } from '../lib/drift';
import { renderTemplate } from '../lib/renderTemplate';
import { readStamp } from '../lib/stamp';

const USAGE = `Usage: gatekeeper-drift <repo-dir> [options]

Compares a repository generated from a Gatekeeper template with the
template: the hashes in .gatekeeper/template.json are the common ancestor,
the current template is re-rendered with the stamped values.

Options:
  --template <dir>        template directory (with template.yaml)
  --templates-root <dir>  directory holding <template-name>/template.yaml
  --only <glob>           compare only matching files (repeatable)
  --ignore <glob>         ignore matching files (repeatable)
  --json                  print the report as JSON
  -h, --help              show this help

Exit codes: 0 in sync, 1 drift or version behind, 2 usage or read error.`;

/** Where the CLI writes. @public */
export interface DriftCliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Parsed gatekeeper-drift arguments. */
interface DriftArgs {
  repoDir: string;
  templateDir?: string;
  templatesRoot?: string;
  only: string[];
  ignore: string[];
  json: boolean;
}

/**
 * The arguments of gatekeeper-drift, or the exit code when the command ends
 * here (help printed, or a usage error reported).
 */
function parseDriftArgs(argv: string[], io: DriftCliIo): DriftArgs | number {
  const positional: string[] = [];
  const only: string[] = [];
  const ignore: string[] = [];
  let templateDir: string | undefined;
  let templatesRoot: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    try {
      if (arg === '-h' || arg === '--help') {
        io.out(USAGE);
        return 0;
      } else if (arg === '--template') templateDir = value();
      else if (arg === '--templates-root') templatesRoot = value();
      else if (arg === '--only') only.push(value());
      else if (arg === '--ignore') ignore.push(value());
      else if (arg === '--json') json = true;
      else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
      else positional.push(arg);
    } catch (e) {
      io.err(`${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
  }
  if (positional.length !== 1) {
    io.err(USAGE);
    return 2;
  }
  return {
    repoDir: path.resolve(positional[0]),
    templateDir,
    templatesRoot,
    only,
    ignore,
    json,
  };
}

/**
 * The gatekeeper-drift command line (bin/gatekeeper-drift). Returns the
 * process exit code.
 * @public
 */
export async function runDriftCli(
  argv: string[],
  io: DriftCliIo = {
    out: t => process.stdout.write(`${t}\n`),
    err: t => process.stderr.write(`${t}\n`),
  },
): Promise<number> {
  const args = parseDriftArgs(argv, io);
  if (typeof args === 'number') return args;
  const { repoDir, templatesRoot, only, ignore, json } = args;
  let templateDir = args.templateDir;
  let renderedDir: string | undefined;
  try {
    const stamp = await readStamp(repoDir);
    if (!templateDir && templatesRoot) {
      templateDir = path.join(templatesRoot, stamp.template.name);
    }
    let rendered: Record<string, string> | undefined;
    let currentVersion: string | undefined;
    if (templateDir) {
      const result = await renderTemplate({
        templateDir,
        values: stamp.values,
      });
      renderedDir = result.dir;
      if (result.definition.name !== stamp.template.name) {
        throw new Error(
          `${templateDir} is template "${result.definition.name}", the repository was generated from "${stamp.template.name}"`,
        );
      }
      rendered = result.hashes;
      currentVersion = result.definition.version;
    }
    const report = await computeDrift({
      repoDir,
      stamp,
      rendered,
      currentVersion,
      only: only.length ? only : undefined,
      ignore,
    });
    const changes = await classifyDrift(report, { repoDir, renderedDir });
    io.out(
      json
        ? JSON.stringify({ ...report, changes }, null, 2)
        : [
            formatDriftReport(report),
            ...changes.map(c => `  ${c.impact}: ${c.path} (${c.detail})`),
          ].join('\n'),
    );
    return report.inSync ? 0 : 1;
  } catch (e) {
    io.err(`gatekeeper-drift: ${(e as Error).message}`);
    return 2;
  } finally {
    if (renderedDir) await fs.remove(renderedDir);
  }
}
