/**
 * Synth failed because the monitoring content is wrong. One message lists
 * every problem, each naming the object and the fix; nothing has been written.
 */
export class SynthError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `synth failed with ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'SynthError';
  }
}
