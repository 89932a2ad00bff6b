import { execFileSync } from 'child_process';
import * as path from 'path';

export interface MermaidDiagram {
  readonly type: string;
  readonly vertices: readonly { id: string; text: string }[];
  readonly edges: readonly { start: string; end: string; text: string; stroke: string }[];
}

/** Every ```mermaid block of a markdown text, parsed by the mermaid package (in a child process: it is an ES module that needs a DOM). */
export function parseMermaidBlocks(markdown: string): MermaidDiagram[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'parse-mermaid.mjs')], { input: markdown, encoding: 'utf8' });
  return JSON.parse(out) as MermaidDiagram[];
}
