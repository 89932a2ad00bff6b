import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

/** In a plain node (jest formats stacks its own way): a cdktf token's creation stack and two errors' stacks, with or without the entry's setting. */
function stacks(skip: boolean): { creationStack: string[]; error: string; subclass: string; nodeError: string } {
  const script = `
    ${skip ? "require('./scripts/creation-stacks').skipCreationStacks();" : ''}
    const { Lazy, Tokenization } = require('cdktf');
    const [token] = Tokenization.reverseString(Lazy.stringValue({ produce: () => 'x' })).tokens;
    class ConfigError extends Error {}
    let nodeError; try { Buffer.alloc(-1); } catch (e) { nodeError = e.stack; }
    console.log(JSON.stringify({ creationStack: token.creationStack, error: new Error('boom').stack, subclass: new ConfigError('bad').stack, nodeError }));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

test('the synth entries keep no creation stack of cdktf tokens, and errors keep their own stack', () => {
  const usual = stacks(false);
  expect(usual.creationStack.length).toBeGreaterThan(0);
  const skipped = stacks(true);
  expect(skipped.creationStack).toEqual([]);
  // Errors: the text they had, frame for frame (the setting sits on the script's first line, moving nothing).
  expect(skipped.error).toMatch(/^Error: boom\n {4}at .*\[eval\]/);
  expect(skipped.error).toBe(usual.error);
  expect(skipped.subclass).toBe(usual.subclass);
  // Node's own errors keep their code in the first line.
  expect(skipped.nodeError).toMatch(/^RangeError \[ERR_OUT_OF_RANGE\]: /);
  expect(skipped.nodeError).toBe(usual.nodeError);
});
