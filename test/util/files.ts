import * as fs from 'fs';
import * as path from 'path';

/** Every file under `dir`, as relative path → bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files.set(rel, fs.readFileSync(path.join(dir, rel)));
    }
  };
  walk('');
  return files;
}

/**
 * {@link readTree} with each file's bytes as a latin1 string (one character per byte, so equal texts are
 * equal bytes), for `toEqual`: jest compares strings at once and Buffers byte by byte (minutes for a synth output).
 */
export function readTreeText(dir: string): Map<string, string> {
  return new Map([...readTree(dir)].map(([file, bytes]) => [file, bytes.toString('latin1')]));
}
