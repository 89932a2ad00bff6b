import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface ToolResult {
  readonly status: number | null;
  /** stdout and stderr together, for assertion messages. */
  readonly output: string;
}

/** Runs a real binary (promtool, amtool…) and returns its exit status and output. */
export function runTool(command: string, args: readonly string[], cwd: string): ToolResult {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new Error(`${command} could not run (${result.error.message}); run scripts/install-tools.sh`);
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
