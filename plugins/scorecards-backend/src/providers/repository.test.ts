import { mockServices } from '@backstage/backend-test-utils';
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  isRelevantPath,
  loadRepository,
  readLocalRepository,
} from './repository';

describe('repository', () => {
  it('reads a local directory, skipping node_modules and .git', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-repo-'));
    fs.mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules/x'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.github/workflows/ci.yml'), 'jobs: {}');
    fs.writeFileSync(path.join(dir, 'node_modules/x/README.md'), 'x');
    fs.writeFileSync(path.join(dir, 'README.md'), 'hello');
    const repo = (await readLocalRepository(dir))!;
    expect(repo.paths).toEqual(['.github/workflows/ci.yml', 'README.md']);
    expect(await repo.read('README.md')).toBe('hello');
    expect(await repo.read('missing.md')).toBeUndefined();
    expect(await readLocalRepository(path.join(dir, 'nope'))).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });

  it('reads url trees through the UrlReader with a filter', async () => {
    const reader = mockServices.urlReader.mock({
      readTree: jest.fn(async (_url, options) => {
        expect(options?.filter?.('src/index.ts')).toBe(false);
        expect(options?.filter?.('CODEOWNERS', { size: 10 })).toBe(true);
        return {
          files: async () => [
            {
              path: 'CODEOWNERS',
              content: async () => Buffer.from('* @o/t'),
              lastModifiedAt: undefined,
            },
          ],
          archive: jest.fn(),
          dir: jest.fn(),
          etag: 'e',
        } as any;
      }),
    });
    const repo = (await loadRepository(
      { type: 'url', target: 'https://x/y' },
      reader,
    ))!;
    expect(repo.paths).toEqual(['CODEOWNERS']);
    expect(await repo.read('CODEOWNERS')).toBe('* @o/t');
    expect(await repo.read('nope')).toBeUndefined();
    expect(isRelevantPath('.github/pull_request_template.md')).toBe(true);
    expect(isRelevantPath('src/a.ts')).toBe(false);
  });
});
