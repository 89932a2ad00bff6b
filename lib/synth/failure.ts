import { SynthError } from './errors';

/**
 * Any failure of synth as the one message users get: a SynthError as it is,
 * anything else (a construct id used twice, a renderer's bug, an exception in
 * content code) as a one-problem SynthError with the error's own first line.
 * Never a stack trace: the message names the object, the code is not the
 * user's concern. Secrets are files the config names, never values, so no
 * message can carry one.
 */
export function asSynthError(error: unknown): SynthError {
  if (error instanceof SynthError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // constructs appends the construct path in brackets and a newline of detail; the first line says it.
  const firstLine = message.split('\n')[0].trim() || 'synth failed without a message';
  return new SynthError([firstLine]);
}
