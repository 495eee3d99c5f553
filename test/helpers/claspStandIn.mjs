#!/usr/bin/env node
// A stand-in for clasp that `npm run deploy` runs in tests (SHINCHOKU_CLASP): it keeps a script project's versions
// and deployments in a JSON file (FAKE_CLASP_STATE), answers in clasp 3's `--json` shapes (read from
// @google/clasp's commands), and records every call so a test can tell what a deploy did.
import * as fs from 'node:fs';

const file = process.env.FAKE_CLASP_STATE;
if (!file) throw new Error('FAKE_CLASP_STATE is not set');
const state = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { calls: [], versions: [], deployments: [], pushes: 0 };
const args = process.argv.slice(2);
state.calls.push(args);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const print = (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

switch (args[0]) {
  case 'push':
    state.pushes += 1;
    break;
  case 'list-versions':
    print(state.versions.map(({ versionNumber, description }) => ({ versionNumber, description })));
    break;
  case 'list-deployments':
    print(state.deployments);
    break;
  case 'create-version': {
    const versionNumber = state.versions.length + 1;
    if (versionNumber > 200) {
      process.stderr.write('Maximum number of versions reached\n');
      process.exitCode = 1;
      break;
    }
    state.versions.push({ versionNumber, description: args[1] });
    print({ versionNumber });
    break;
  }
  case 'update-deployment': {
    const deployment = state.deployments.find((d) => d.deploymentId === args[1]);
    if (!deployment) throw new Error(`no deployment ${args[1]}`);
    Object.assign(deployment, { versionNumber: Number(option('-V')), description: option('-d') });
    break;
  }
  case 'create-deployment': {
    const deployment = { deploymentId: `AKfycbFAKE${state.deployments.length}`, versionNumber: Number(option('-V')), description: option('-d') };
    state.deployments.push(deployment);
    print(deployment);
    break;
  }
  default:
    process.stderr.write(`fake clasp: unsupported command ${args[0]}\n`);
    process.exitCode = 2;
}
fs.writeFileSync(file, JSON.stringify(state));
