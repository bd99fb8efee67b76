/**
 * The review document marks the restore options the person changed (JSON has no comments): a CodeLens
 * above each changed metadata key — "changed in the restore flow: was …" — and the same words in its
 * hover. The changes are those the flow recorded for the document's IdempotencyToken
 * (src/restore/options/changes.ts); a document the flow did not open has none.
 */
import * as vscode from 'vscode';
import { changesFor, changesStillIn, type Change } from '../options/changes';
import { shownValue } from '../startGate';

const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];

/** What the mark says of one change. */
export function changeWords(c: Change): string {
  if (c.to === undefined)
    return `removed in the restore flow (the recovery point's metadata had ${shownValue(c.from ?? '')})`;
  if (c.from === undefined) return "set in the restore flow (not in the recovery point's metadata)";
  return `changed in the restore flow: the recovery point's metadata had ${shownValue(c.from)}`;
}

interface Mark {
  range: vscode.Range;
  words: string;
}

/** Where each change is in the document: its key's line (a removed key: the Metadata line). */
function marksOf(doc: vscode.TextDocument): Mark[] {
  const text = doc.getText();
  const token = /"IdempotencyToken"\s*:\s*"([^"\\]+)"/.exec(text)?.[1];
  const changes = token ? changesFor(token) : undefined;
  if (!changes) return [];
  const metadataAt = text.search(/"Metadata"\s*:/);
  if (metadataAt < 0) return [];
  return changesStillIn(text, changes).map((c) => {
    const keyAt = text.indexOf(JSON.stringify(c.key), metadataAt);
    const at = c.to === undefined || keyAt < 0 ? metadataAt : keyAt;
    const start = doc.positionAt(at);
    const length = c.to === undefined || keyAt < 0 ? '"Metadata"'.length : JSON.stringify(c.key).length;
    return {
      range: new vscode.Range(start, start.translate(0, length)),
      words: `${c.key}: ${changeWords(c)}`,
    };
  });
}

export function registerChangedValueMarks(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider(SELECTOR, {
      provideCodeLenses: (doc) =>
        marksOf(doc).map(
          (m) =>
            new vscode.CodeLens(m.range, {
              title: `$(edit) ${m.words.replace(/\$\(/g, '\\$(')}`,
              command: '',
              tooltip: 'The recovery point’s own value is sent for every setting not marked.',
            }),
        ),
    }),
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover: (doc, position) => {
        const m = marksOf(doc).find((x) => x.range.contains(position));
        return m ? new vscode.Hover(new vscode.MarkdownString().appendText(m.words), m.range) : undefined;
      },
    }),
  );
}
