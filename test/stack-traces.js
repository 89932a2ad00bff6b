// cdktf records the call stack of every token and complex attribute it makes, for its own messages,
// and under jest each frame of each record went through source-map-support, which clones every call
// site: a third of a synthesizing suite's time. Those records are plain objects; errors (what a failing
// test prints) still get their frames mapped to the TypeScript lines.
const mapped = Error.prepareStackTrace;

const isError = (value) => Object.prototype.toString.call(value) === '[object Error]' || typeof value?.message === 'string';

function header(value) {
  try {
    return String(value);
  } catch {
    return 'Error';
  }
}

if (typeof mapped === 'function') {
  Error.prepareStackTrace = (value, frames) => (isError(value) ? mapped(value, frames) : `${header(value)}${frames.map((frame) => `\n    at ${frame}`).join('')}`);
}
