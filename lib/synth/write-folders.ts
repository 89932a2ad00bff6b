import * as fs from 'fs';
import * as path from 'path';

/**
 * Makes each of `folders` (plain names under `root`) hold exactly the `files` inside it (paths relative
 * to `root`, `/`-separated): a file already holding its content is left alone, the others are written,
 * anything else in those folders is removed. Returns the files it wrote.
 *
 * Why not replace the folders whole: on this kind of disk, creating a file costs ~0.5 ms and reading
 * one ~0.03 ms. A synth again after a small change (the usual case) created ~250 files again. Files
 * left alone keep their modification times.
 */
export function writeFolders(root: string, folders: readonly string[], files: ReadonlyMap<string, string>): string[] {
  const wanted = new Set(files.keys());
  // Parents of wanted files: kept as folders, and a file or link in their place is removed.
  const parents = new Set<string>();
  for (const file of wanted) for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) parents.add(dir);

  // Removed first, so a file differing from a stale one only in case is not removed after it is written
  // (on macOS's and Windows' file systems).
  const kept = new Set<string>();
  for (const folder of folders) removeUnwanted(root, folder, wanted, parents, kept);

  const written: string[] = [];
  const madeDirs = new Set<string>();
  const inFolders = new Set(folders);
  for (const [file, content] of files) {
    const full = path.join(root, file);
    // Inside `folders`, what was found is in `kept` (anything else is gone); outside them a file is looked at here.
    const existing = inFolders.has(file.split('/')[0]) ? kept.has(file) : fs.lstatSync(full, { throwIfNoEntry: false })?.isFile();
    if (existing && holds(full, content)) continue;
    const dir = path.dirname(full);
    if (!madeDirs.has(dir)) fs.mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
    // A new file renamed into place, not the old one rewritten: a read-only one is replaced, a hard link to it (a copy
    // made with `cp -al`) keeps what it held, and a reader sees the old file or the new one, never none or half.
    const aside = `${full}.${process.pid}.tmp`;
    fs.writeFileSync(aside, content);
    fs.renameSync(aside, full);
    written.push(file);
  }
  return written;
}

/**
 * Removes what under `rel` is neither a wanted file nor a folder leading to one; links are removed, never
 * followed. Adds the wanted files found as regular files to `kept`.
 */
function removeUnwanted(root: string, rel: string, wanted: ReadonlySet<string>, parents: ReadonlySet<string>, kept: Set<string>): void {
  const stat = fs.lstatSync(path.join(root, rel), { throwIfNoEntry: false });
  if (stat) removeUnwantedEntry(root, rel, stat, wanted, parents, kept);
}

/** {@link removeUnwanted} of an entry whose type is known (a folder's entries come with theirs: no lstat each). */
function removeUnwantedEntry(root: string, rel: string, type: fs.Stats | fs.Dirent, wanted: ReadonlySet<string>, parents: ReadonlySet<string>, kept: Set<string>): void {
  const full = path.join(root, rel);
  if (!type.isDirectory() || !parents.has(rel)) {
    if (type.isFile() && wanted.has(rel)) kept.add(rel);
    else fs.rmSync(full, { recursive: true, force: true });
    return;
  }
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) removeUnwantedEntry(root, `${rel}/${entry.name}`, entry, wanted, parents, kept);
}

declare global {
  interface String {
    /** ES2024: no lone surrogates (node 20 has it; the project's TypeScript lib is older). */
    isWellFormed(): boolean;
  }
}

/**
 * Whether `file` (a regular file) holds exactly `content` written as UTF-8; one that cannot be read does not.
 * Compared as text, which spares encoding every file (~6 ms a synth), unless the text holds what decoding
 * makes of bytes that are not UTF-8 (U+FFFD), or what encoding makes U+FFFD of (lone surrogates): bytes then.
 */
function holds(file: string, content: string): boolean {
  try {
    if (content.includes('\uFFFD') || !content.isWellFormed()) return fs.readFileSync(file).equals(Buffer.from(content, 'utf8'));
    return fs.readFileSync(file, 'utf8') === content;
  } catch {
    return false;
  }
}
