import { mockServices } from '@backstage/backend-test-utils';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { WaiversFile } from './WaiversFile';

describe('WaiversFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-waivers-'));
  const file = path.join(dir, 'waivers.yaml');

  it('reads waivers by entity, re-reads on change, survives bad content', async () => {
    const logger = mockServices.logger.mock();
    const waivers = new WaiversFile(file, logger);
    expect(await waivers.get('component:default/a')).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('not found'),
    );

    fs.writeFileSync(
      file,
      '- entityRef: component:a\n  gate: lint\n  reason: because\n  approver: x\n  expires: 2030-01-01\n- gate: orphan\n',
    );
    expect(await waivers.get('component:default/a')).toEqual([
      {
        source: 'file',
        value: {
          gate: 'lint',
          reason: 'because',
          approver: 'x',
          expires: '2030-01-01',
        },
      },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('entityRef is required'),
    );

    fs.writeFileSync(file, 'waivers: [');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await waivers.get('component:default/a')).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('not valid YAML'),
    );
  });

  it('has no waivers without a configured file', async () => {
    const waivers = new WaiversFile(undefined, mockServices.logger.mock());
    expect(await waivers.get('component:default/a')).toEqual([]);
  });
});
