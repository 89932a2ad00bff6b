// cdktf records the call stack of every token and complex attribute it makes (1 300 in a synth here),
// whole (it lifts Error.stackTraceLimit) and formatted at once: a twelfth of a synth. The records
// serve only its messages ("Object creation stack: at …"), and the synth shows no stack trace: its
// messages name the object and what to fix. The records are plain objects, never errors; errors keep
// V8's own text.
const isError = (value) => value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';

/** From now on, a call stack recorded on anything but an error reads as no text (cdktf then keeps an empty one). */
function skipCreationStacks() {
  Error.prepareStackTrace = (value, frames) => (isError(value) ? `${Error.prototype.toString.call(value)}${frames.map((frame) => `\n    at ${frame}`).join('')}` : '');
}

module.exports = { skipCreationStacks };
