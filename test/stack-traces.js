// cdktf records the call stack of every token and complex attribute it makes, for its own messages,
// and under jest each frame of each record went through source-map-support, which clones every call
// site: a third of a synthesizing suite's time. Those records are plain objects, and are formatted
// plainly here: the "creation stack" in a cdktf message then names the .ts files with the lines of
// esbuild's output, not of the TypeScript. Errors (what a failing test prints) are still mapped to the
// TypeScript lines. MAC_MAPPED_STACKS=1 maps everything, for reading such a cdktf message.
const mapped = Error.prepareStackTrace;

const { isError } = require('../scripts/creation-stacks');

if (typeof mapped === 'function' && process.env.MAC_MAPPED_STACKS !== '1') {
  // The first line is V8's for an object that is no error; readers of these records drop it.
  Error.prepareStackTrace = (value, frames) => (isError(value) ? mapped(value, frames) : `Error${frames.map((frame) => `\n    at ${frame}`).join('')}`);
}
