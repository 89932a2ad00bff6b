import * as path from 'path';
import { runTool } from '../lib/testing';

/**
 * test/types/ holds `@ts-expect-error` cases: misuses of the PromQL builder
 * that must not compile. tsc fails on any directive whose line compiles.
 */
test('misuses of the typed PromQL builder do not compile', () => {
  const root = path.resolve(__dirname, '..');
  const result = runTool(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'test/types/tsconfig.json'], root);
  expect(result.output).toBe('');
  expect(result.status).toBe(0);
});
