// Several Kubernetes objects as one multi-document YAML stream, each document with a comment saying
// what it is: what `--dry-run` prints for people (and reviewers) to read and for
// `kubectl apply --dry-run=… -f -` to take. Long strings (the bundled scenario) stay whole, as block
// literals where YAML allows it. Runs in: Node; pure.
import { Document } from 'yaml';

export interface StreamDocument {
  /** One or more lines, written as `# …` above the document. */
  readonly comment: string;
  readonly object: unknown;
}

export function renderYamlStream(documents: readonly StreamDocument[]): string {
  return documents
    .map(({ comment, object }) => {
      // Objects the builders share (labels, security settings) are written out in full each time:
      // anchors and aliases would be valid YAML but hard to read and to diff.
      const doc = new Document(object, { aliasDuplicateObjects: false });
      doc.commentBefore = comment
        .split('\n')
        .map((line) => ` ${line}`)
        .join('\n');
      return doc.toString({ lineWidth: 0 });
    })
    .map((text) => `---\n${text}`)
    .join('');
}
