import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * A throwaway git repository holding a copy of this project (its files as
 * they are now, committed as `base`) with this checkout's node_modules linked
 * in, for reviews of small commits on top.
 */
export class FixtureRepo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-fixture-'));

  constructor() {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      if (!fs.existsSync(path.join(ROOT, file))) continue;
      fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(this.dir, file));
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(this.dir, 'node_modules'), 'dir');
    this.git('init', '-q', '-b', 'main');
    fs.appendFileSync(path.join(this.dir, '.git', 'info', 'exclude'), 'node_modules\n');
    this.commit('base');
    this.git('tag', 'base');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' } });
  }

  commit(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
  }

  /** Replaces text in a file; the text must be there, so a test cannot silently edit nothing. */
  edit(file: string, from: string | RegExp, to: string): void {
    const full = path.join(this.dir, file);
    const before = fs.readFileSync(full, 'utf8');
    const after = before.replace(typeof from === 'string' ? from : new RegExp(from.source, from.flags.includes('g') ? from.flags : `${from.flags}g`), to);
    if (after === before) throw new Error(`fixture edit: ${String(from)} not found in ${file}`);
    fs.writeFileSync(full, after);
  }

  /** A branch from `from` with the edits made by `change`, committed. */
  branch(name: string, from: string, change: () => void): string {
    this.git('checkout', '-q', '-b', name, from);
    change();
    this.commit(name);
    return name;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
