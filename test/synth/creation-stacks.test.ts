import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

/** In a plain node (jest formats stacks its own way): a cdktf token's creation stack and two errors' stacks, with or without the entry's setting. */
function stacks(skip: boolean): { creationStack: string[]; error: string; subclass: string; nodeError: string; ownFormatter: string[]; recaptured: string; recordFrames: number; lateMessage: string; nullBelow: string[]; proxy: string } {
  const script = `
    ${skip ? "require('./scripts/creation-stacks').skipCreationStacks();" : ''}
    const { Lazy, Tokenization } = require('cdktf');
    const [token] = Tokenization.reverseString(Lazy.stringValue({ produce: () => 'x' })).tokens;
    class ConfigError extends Error {}
    class Recaptured extends Error { constructor(m) { super(m); Error.captureStackTrace(this); } }
    let nodeError; try { Buffer.alloc(-1); } catch (e) { nodeError = e.stack; }
    // A library reading call sites its own way (depd does): a formatter of its own for one record on a plain object.
    function callSites() {
      const record = {};
      const formatter = Error.prepareStackTrace;
      Error.prepareStackTrace = (_, frames) => frames.map((f) => f.getFunctionName() ?? '(anonymous)');
      Error.captureStackTrace(record);
      const frames = record.stack;
      Error.prepareStackTrace = formatter;
      return frames;
    }
    const ownFormatter = (function caller() { return callSites(); })().slice(0, 2);
    // cdktf's own record, read under a formatter counting frames: none were collected for it.
    const record = { stack: '' };
    Error.captureStackTrace(record);
    const formatter = Error.prepareStackTrace;
    Error.prepareStackTrace = (_, frames) => frames.length;
    const recordFrames = record.stack;
    // Anything else is formatted when first read, by what it is then: here an object that became an error.
    const late = {};
    Error.captureStackTrace(late);
    Error.prepareStackTrace = formatter;
    late.message = 'late';
    const lateMessage = late.stack.split('\\n').slice(0, 2).join('\\n');
    const withNull = {};
    Error.prepareStackTrace = (_, frames) => frames.map((f) => f.getFunctionName() ?? '(anonymous)');
    (function nullCaller() { Error.captureStackTrace(withNull, null); })();
    const nullBelow = withNull.stack.slice(0, 1);
    Error.prepareStackTrace = formatter;
    // A proxy: whatever V8 does with it, no trap of its runs first.
    let proxy = 'no error';
    const trap = () => { throw new Error('a trap ran'); };
    try { Error.captureStackTrace(new Proxy({}, { getPrototypeOf: trap, ownKeys: trap, getOwnPropertyDescriptor: trap })); } catch (e) { proxy = e.message; }
    console.log(JSON.stringify({ creationStack: token.creationStack, error: new Error('boom').stack, subclass: new ConfigError('bad').stack, nodeError, ownFormatter, recaptured: new Recaptured('again').stack, recordFrames, lateMessage, nullBelow, proxy }));
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
  expect(skipped.recaptured).toMatch(/^Error: again\n {4}at new Recaptured/);
  expect(skipped.recaptured).toBe(usual.recaptured);
  // Node's own errors keep their code in the first line.
  expect(skipped.nodeError).toMatch(/^RangeError \[ERR_OUT_OF_RANGE\]: /);
  expect(skipped.nodeError).toBe(usual.nodeError);
  // No frames are collected for cdktf's records; anything else keeps them, and the wrapper is never one.
  expect(usual.recordFrames).toBeGreaterThan(0);
  expect(skipped.recordFrames).toBe(0);
  expect(skipped.lateMessage).toMatch(/^Error: late\n {4}at /);
  expect(skipped.lateMessage).toBe(usual.lateMessage);
  expect(skipped.nullBelow).toEqual(['nullCaller']);
  expect(skipped.nullBelow).toEqual(usual.nullBelow);
  expect(skipped.proxy).not.toBe('a trap ran');
  expect(skipped.proxy).toBe(usual.proxy);
  // A formatter set by someone else gets every frame, as without the setting.
  expect(skipped.ownFormatter).toEqual(['callSites', 'caller']);
  expect(skipped.ownFormatter).toEqual(usual.ownFormatter);
});
