import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The layer checks `npm test` runs on the real tree (.dependency-cruiser.cjs, eslint.config.mjs) must be able to
// fail: here they run, unchanged, on test/fixtures/layers, whose every file breaks one rule on purpose.
const root = path.resolve(__dirname, '../..');
const fixture = path.join(root, 'test/fixtures/layers');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

function cruiseFixture(): { status: number | null; output: string } {
  const run = spawnSync(bin('depcruise'), ['src', 'local', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'], {
    cwd: fixture,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function lintAs(virtualPath: string, source: string): { status: number | null; messages: string[] } {
  const run = spawnSync(bin('eslint'), ['--stdin', '--stdin-filename', virtualPath, '--format', 'json'], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
  const [file] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return { status: run.status, messages: (file?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`) };
}

describe('import layer rules (dependency-cruiser)', () => {
  const result = cruiseFixture();

  it('fails on the fixture', () => {
    expect(result.status).not.toBe(0);
  });

  it.each([
    ['domain-is-pure', 'src/domain/rule.ts → src/app/useCase.ts'],
    ['app-below-compose', 'src/app/useCase.ts → src/compose/wiring.ts'],
    ['app-takes-ports', 'src/app/useCase.ts → src/platform/sheet.ts'],
    ['compose-only-from-entry', 'src/app/useCase.ts → src/compose/wiring.ts'],
    ['local-is-standalone', 'local/emulator.ts → src/domain/rule.ts'],
  ])('names the rule %s for %s', (rule, edge) => {
    expect(result.output).toContain(`${rule}: ${edge}`);
  });

  it('names a run-time cycle, and lets a cycle of type-only imports be', () => {
    expect(result.output).toMatch(/no-circular: src\/platform\/sheet\.ts → \n\s+src\/platform\/zone\.ts →\n\s+src\/platform\/sheet\.ts/);
    expect(result.output).not.toContain('src/platform/types.ts');
  });

  it('lets allowed edges through: the fixture breaks nothing else', () => {
    const reported = result.output.split('\n').filter((line) => /^\s*error /.test(line));
    expect(reported).toHaveLength(6);
  });
});

describe('Apps Script globals stay in platform/ (ESLint)', () => {
  const source = fs.readFileSync(path.join(fixture, 'src/domain/clock.ts'), 'utf8');

  it('rejects a service global in the domain, naming the rule', () => {
    const result = lintAs('src/domain/clock.ts', source);
    expect(result.status).not.toBe(0);
    expect(result.messages).toEqual([expect.stringMatching(/^no-restricted-globals: .*layer rule "apps-script-at-the-edge".*SpreadsheetApp/)]);
  });

  it('accepts the same code in a platform adapter', () => {
    const result = lintAs('src/platform/clock.ts', source);
    expect(result.messages).toEqual([]);
    expect(result.status).toBe(0);
  });
});
