import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface ToolResult {
  readonly status: number | null;
  /** stdout and stderr together, for assertion messages. */
  readonly output: string;
}

/**
 * How long a tool may run. promtool on a day-long rule test takes tens of
 * seconds on a quiet machine and several times that on a busy CI runner
 * sharing its cores with other test workers: the limit only catches a hang.
 */
export const TOOL_TIMEOUT_MS = 10 * 60_000;

/**
 * Go's collector runs at 4× its default heap growth (unless GOGC is set): promtool's unit tests
 * allocate hard and live a few seconds, and spent an eighth of their CPU collecting (~250 MB each instead).
 */
const toolEnv = (): NodeJS.ProcessEnv => ({ GOGC: '400', ...process.env });

/** Runs a real binary (promtool, amtool…) and returns its exit status and output. */
export function runTool(command: string, args: readonly string[], cwd: string): ToolResult {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: TOOL_TIMEOUT_MS, env: toolEnv() });
  if (result.error) {
    const hint = (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? '; run scripts/install-tools.sh' : '';
    throw new Error(`${command} ${args.join(' ')} could not run (${result.error.message})${hint}`);
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Writes `files` (relative path → content) into a fresh temporary folder and returns it. */
export function writeTempFiles(files: ReadonlyMap<string, string>, prefix = 'mac-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** `promtool <args>` in `cwd`. */
export const promtool = (args: readonly string[], cwd: string): ToolResult => runTool('promtool', args, cwd);
export const amtool = (args: readonly string[], cwd: string): ToolResult => runTool('amtool', args, cwd);
