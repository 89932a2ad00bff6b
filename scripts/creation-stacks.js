// cdktf records the call stack of every token and complex attribute it makes (1 300 in a synth here),
// whole (it lifts Error.stackTraceLimit) and formatted at once: 7-10% of a synth. The records serve
// only its messages ("Object creation stack: at …"), and the synth shows no stack trace: its messages
// name the object and what to fix. The records are plain objects, never errors; errors keep the text
// they had.

const { isProxy } = require('util').types;

/** Whether a stack is an error's, as opposed to a record made on a plain object (cdktf's `{ stack: '' }`). */
const isError = (value) => value instanceof Error || Object.prototype.toString.call(value) === '[object Error]' || typeof value?.message === 'string';

/**
 * cdktf's record, `{ stack: '' }`: a plain object holding nothing but a string `stack` (read without calling
 * any getter or proxy trap). Anything else may become an error, or meet another formatter, before its stack is first read.
 */
const isCreationRecord = (value) => {
  if (value === null || typeof value !== 'object' || isProxy(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Reflect.ownKeys(value);
  return keys.length === 1 && keys[0] === 'stack' && typeof Object.getOwnPropertyDescriptor(value, 'stack').value === 'string';
};

/** V8's own text for an error's stack, where no formatter is set. */
const v8Text = (error, frames) => `${Error.prototype.toString.call(error)}${frames.map((frame) => `\n    at ${frame}`).join('')}`;

/** From now on, a call stack recorded on anything but an error reads as no text (cdktf then keeps an empty one). */
function skipCreationStacks() {
  // Node's formatter where it set one: it writes its errors' codes (`RangeError [ERR_OUT_OF_RANGE]: …`).
  const errors = Error.prepareStackTrace;
  const skipping = (value, frames) => (!isError(value) ? '' : errors ? errors(value, frames) : v8Text(value, frames));
  Error.prepareStackTrace = skipping;
  // cdktf lifts the limit before each record; a record that reads as no text needs no frames collected either.
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = function captureStackTrace(target, below) {
    // This function is never a frame of the record: without a function to start below, it starts at its caller.
    const from = typeof below === 'function' ? below : captureStackTrace;
    if (Error.prepareStackTrace !== skipping || !isCreationRecord(target)) return capture(target, from);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return capture(target, from);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}

module.exports = { isError, skipCreationStacks };
