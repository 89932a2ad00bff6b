import { Construct, IConstruct } from 'constructs';

export interface GeneratedFilesProps {
  /** Folder under the stack's synth output, e.g. `prometheus`. Holds exactly the rendered files after every synth (unchanged ones are not rewritten). */
  readonly directory: string;
  /** Renders the files: path relative to `directory` → content. Pure, so it can run in tests. */
  readonly render: () => ReadonlyMap<string, string>;
  /** What is wrong with the content; any problem stops synth before anything is written. */
  readonly problems: () => readonly string[];
}

/**
 * Readable config files (prometheus.yml, rule files…) written beside the
 * stack's Terraform JSON, so reviewers and promtool read what gets deployed.
 * A {@link CheckedStack} writes them, after every check of every stack passed.
 */
export class GeneratedFiles extends Construct {
  static isGeneratedFiles(x: IConstruct): x is GeneratedFiles {
    return x instanceof GeneratedFiles;
  }

  readonly directory: string;
  private readonly props: GeneratedFilesProps;

  constructor(scope: Construct, id: string, props: GeneratedFilesProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(props.directory)) {
      throw new Error(`GeneratedFiles ${this.node.path}: directory ${JSON.stringify(props.directory)} must be one plain folder name`);
    }
    this.directory = props.directory;
    this.props = props;
    this.node.addValidation({ validate: () => [...props.problems()] });
  }

  /** The rendered files, keyed by path relative to the stack's output folder. */
  render(): Map<string, string> {
    return new Map([...this.props.render()].map(([file, content]) => [`${this.directory}/${file}`, content]));
  }
}
