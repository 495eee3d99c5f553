import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// The gateway's two import rules, run unchanged on test/fixtures/layers/gateway, which breaks both on purpose.
const root = path.resolve(__dirname, '../..');

test('the gateway stands alone and runs in workerd: both rules fail the fixture, by name', () => {
  const run = spawnSync(
    path.join(root, 'node_modules/.bin/depcruise'),
    ['gateway', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'],
    { cwd: path.join(root, 'test/fixtures/layers'), encoding: 'utf8' },
  );
  const output = `${run.stdout}${run.stderr}`;
  expect(run.status).not.toBe(0);
  expect(output).toContain('gateway-stands-alone: gateway/src/worker.ts → src/domain/rule.ts');
  expect(output).toMatch(/gateway-runs-in-workers: gateway\/src\/worker\.ts → (node:)?crypto/);
});
