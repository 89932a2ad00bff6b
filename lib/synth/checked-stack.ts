import * as path from 'path';
import { Construct } from 'constructs';
import { Aspects, ISynthesisSession, TerraformStack } from 'cdktf';
import { SynthError } from './errors';
import { GeneratedFiles } from './generated-files';
import { writeFolders } from './write-folders';

/**
 * A TerraformStack that runs every construct's checks before anything is
 * written (cdktf's own validation runs only after writing), and writes the
 * {@link GeneratedFiles} of its tree beside `cdk.tf.json`.
 */
export class CheckedStack extends TerraformStack {
  private written: readonly string[] = [];
  private rendered?: Map<string, string>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const terraform = this.synthesizer;
    this.synthesizer = {
      synthesize: (session: ISynthesisSession) => {
        // prepareStack ran every construct's validations (problems()), which cdktf would run all again here
        // (runAllValidations: a third of a 10 000-rule synth). Unless something can have changed since:
        // aspects, which cdktf invokes only now, or a resource move, for which it adds a validation now.
        terraform.synthesize(this.hasResourceMove() || this.hasAspects() ? session : { ...session, skipValidation: true });
        this.writeGeneratedFiles(path.join(session.outdir, session.manifest.forStack(this).workingDirectory));
      },
    };
  }

  /** Whether an aspect applies to this stack or anything in it (cdktf applies a stack's and its children's, not the app's). */
  private hasAspects(): boolean {
    return this.node.findAll().some((c) => Aspects.of(c).all.length > 0);
  }

  /** The generated files the stack's output holds after the last synth (written or left as they were), relative to its folder. */
  get writtenFiles(): readonly string[] {
    return this.written;
  }

  /** Every problem found in this stack's constructs. */
  problems(): string[] {
    return this.node.findAll().flatMap((c) => c.node.validate());
  }

  /** All generated files of the stack, keyed by path relative to its output folder. */
  renderFiles(): Map<string, string> {
    const files = new Map<string, string>();
    for (const generated of this.node.findAll().filter(GeneratedFiles.isGeneratedFiles)) {
      for (const [file, content] of generated.render()) {
        if (files.has(file)) throw new SynthError([`${generated.node.path}: ${file} is generated twice in stack ${this.node.id}`]);
        files.set(file, content);
      }
    }
    return files;
  }

  /**
   * cdktf prepares every stack before it writes any: failing here leaves the
   * output untouched. So the files are rendered here too, and only written later.
   */
  override prepareStack(): void {
    super.prepareStack();
    const problems = this.problems();
    if (problems.length) throw new SynthError(problems);
    try {
      this.rendered = this.renderFiles();
    } catch (error) {
      if (error instanceof SynthError) throw error;
      // A renderer that throws on checked content is a bug, but still no reason to leave half an output behind.
      throw new SynthError([`stack ${this.node.id}: rendering its files failed: ${(error as Error).message}`]);
    }
  }

  private writeGeneratedFiles(stackDir: string): void {
    const generated = this.node.findAll().filter(GeneratedFiles.isGeneratedFiles);
    // Rendered in prepareStack, which cdktf runs before any stack is written.
    const files = this.rendered!;
    this.rendered = undefined;
    writeFolders(stackDir, generated.map((g) => g.directory), files);
    this.written = [...files.keys()];
  }
}
