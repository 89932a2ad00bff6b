import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..');

/**
 * The whole project type-checks, as `npm run typecheck` does, inside jest: here it runs while the suites
 * waiting on real servers leave a core idle; run before jest, it kept both cores busy for 6 s first.
 */
test('tsc finds no error in the project (npm run typecheck)', async () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  expect(scripts.typecheck).toBe('tsc -p tsconfig.json --noEmit');
  const output = await new Promise<string>((resolve) => {
    execFile(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit', '--pretty', 'false'], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve(error ? `${stdout}${stderr}` || String(error) : '');
    });
  });
  expect(output).toBe('');
}, 180_000);

/**
 * test/types/ holds `@ts-expect-error` cases: misuses of the PromQL builder that must not compile.
 * The typecheck above compiles them with everything else, and tsc fails on any directive whose line
 * compiles; this holds them in that program (one tsc run, not two).
 */
test('the misuses of the typed PromQL builder are in the type-checked program', () => {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const files = ts.parseJsonConfigFileContent(config.config, ts.sys, root).fileNames.map((f) => path.relative(root, f));
  expect(files).toContain(path.join('test', 'types', 'builder-misuse.ts'));
  const directives = fs.readFileSync(path.join(root, 'test', 'types', 'builder-misuse.ts'), 'utf8').match(/^\/\/ @ts-expect-error /gm) ?? [];
  expect(directives.length).toBeGreaterThanOrEqual(14);
});
