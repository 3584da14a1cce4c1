/*
 * Offline stand-ins for the `uses:` steps of the generated CI, and the
 * backend the report job pushes to.
 */
import fs from 'fs-extra';
import path from 'node:path';
import { nodeMajor } from './ciRunner';

/** `dir/*.ext` patterns (a `*` in the last segment only), or a plain path. */
async function expandGlob(cwd: string, rel: string): Promise<string[]> {
  if (!rel.includes('*')) {
    return (await fs.pathExists(path.join(cwd, rel))) ? [rel] : [];
  }
  const dir = path.posix.dirname(rel);
  const re = new RegExp(
    `^${path.posix
      .basename(rel)
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  const names = (await fs.pathExists(path.join(cwd, dir)))
    ? await fs.readdir(path.join(cwd, dir))
    : [];
  return names.filter(n => re.test(n)).map(n => path.posix.join(dir, n));
}

/** upload-artifact / download-artifact through a directory, setup-node checked. */
export function artifactEmulator(artifactsDir: string) {
  return async (
    uses: string,
    input: Record<string, unknown>,
    cwd: string,
  ): Promise<string> => {
    switch (uses) {
      case 'actions/checkout':
        return 'fresh copy of the rendered repository';
      case 'actions/setup-node': {
        const file = String(input['node-version-file']);
        const wanted = (await fs.readFile(path.join(cwd, file), 'utf8')).trim();
        if (wanted.replace(/^v/, '').split('.')[0] !== nodeMajor()) {
          throw new Error(
            `${file} asks for Node ${wanted}, tests run Node ${nodeMajor()}`,
          );
        }
        return `${file} = ${wanted}, matches the Node running here`;
      }
      case 'actions/setup-python': {
        const file = String(input['python-version-file']);
        const wanted = (await fs.readFile(path.join(cwd, file), 'utf8')).trim();
        return `${file} = ${wanted} exists; the local interpreter on PATH is used`;
      }
      case 'actions/upload-artifact': {
        const target = path.join(artifactsDir, String(input.name));
        const copied: string[] = [];
        for (const line of String(input.path)
          .split('\n')
          .map(l => l.trim())) {
          if (!line) continue;
          const rel = line.replace(/^\.\//, '').replace(/\/$/, '');
          for (const match of await expandGlob(cwd, rel)) {
            await fs.copy(path.join(cwd, match), path.join(target, match));
            copied.push(match);
          }
        }
        if (copied.length === 0 && input['if-no-files-found'] !== 'ignore') {
          throw new Error(
            `upload-artifact ${String(input.name)}: no files at ${String(
              input.path,
            )}`,
          );
        }
        return `artifact ${String(input.name)}: ${
          copied.join(', ') || 'no files'
        }`;
      }
      case 'actions/download-artifact': {
        await fs.copy(artifactsDir, path.join(cwd, String(input.path)));
        return `artifacts: ${(await fs.readdir(artifactsDir)).join(', ')}`;
      }
      default:
        throw new Error(
          `no offline emulation for ${uses}: list it as unavailable`,
        );
    }
  };
}
