import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * test/types/ holds `@ts-expect-error` cases: misuses of the PromQL builder that must not compile.
 * `npm run typecheck` (the first half of `npm test`) compiles them with everything else, and tsc fails
 * on any directive whose line compiles; this holds them in that program (one tsc run, not two).
 */
test('the misuses of the typed PromQL builder are type-checked by npm run typecheck', () => {
  const root = path.resolve(__dirname, '..');
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const files = ts.parseJsonConfigFileContent(config.config, ts.sys, root).fileNames.map((f) => path.relative(root, f));
  expect(files).toContain(path.join('test', 'types', 'builder-misuse.ts'));
  // …which npm test runs first.
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  expect(scripts.typecheck).toMatch(/^tsc -p tsconfig\.json\b/);
  expect(scripts.test).toMatch(/^npm run typecheck && /);
  const directives = fs.readFileSync(path.join(root, 'test', 'types', 'builder-misuse.ts'), 'utf8').match(/^\/\/ @ts-expect-error /gm) ?? [];
  expect(directives.length).toBeGreaterThanOrEqual(14);
});
