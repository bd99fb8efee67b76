/**
 * Hover and completion in templates (./formats): hover from the embedded document's tree (the API's
 * documentation, the file's names, what an unknown value is); completion of property names and
 * values in a CloudFormation YAML template's Backup documents and a Terraform file's blocks
 * (./formats/terraformAssist.ts). No `vscode` here.
 */
import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import { inlineCode, markdownText, propertyDoc, type CompletionEntry, type HoverInfo } from './assist';
import { extractEmbedded } from './embedded';
import { cloudFormationCompletions } from './formats/cloudformationAssist';
import { terraformCompletions, terraformHoverAt } from './formats/terraformAssist';
import { isUnknown, type EmbeddedDocument } from './formats/types';

function documentAt(found: ReturnType<typeof extractEmbedded>, offset: number): EmbeddedDocument | undefined {
  return found?.result.documents.find(
    (d) => offset >= d.root.offset && offset <= d.root.offset + d.root.length,
  );
}

export function embeddedHoverAt(
  text: string,
  fileName: string | undefined,
  offset: number,
): HoverInfo | undefined {
  const found = extractEmbedded(text, fileName);
  if (found?.adapter.format === 'terraform') return terraformHoverAt(found.result.documents, offset);
  const doc = documentAt(found, offset);
  if (!doc) return undefined;
  const node = findNodeAtOffset(doc.root, offset, true);
  const prop: Node | undefined =
    node?.type === 'property' ? node : node?.parent?.type === 'property' ? node.parent : undefined;
  const key = prop?.children?.[0];
  const value = prop?.children?.[1];
  const owner = prop?.parent;
  if (!prop || !key || !owner || typeof key.value !== 'string') return undefined;
  const name = key.value;
  const shownAs = doc.sourceNames?.[name] ?? name;
  const doc0 = propertyDoc(doc.kind, getNodePath(owner), name, shownAs) ?? `**${markdownText(shownAs)}**`;
  const api = shownAs !== name ? `\n\nThe API's \`${name}\`.` : '';
  let deployed = '';
  if (isUnknown(value))
    deployed = `\n\nSet at deployment (${inlineCode(value.source)}): the linter does not check its value.`;
  else if (value?.type === 'string' && (value as { cfn?: { resolved?: true } }).cfn?.resolved)
    deployed = `\n\nResolves to ${inlineCode(String(value.value))}, the BackupVaultName of the vault this template declares.`;
  return { markdown: `${doc0}${api}${deployed}`, offset: key.offset, length: key.length };
}

export function embeddedCompletionsAt(
  text: string,
  fileName: string | undefined,
  offset: number,
): CompletionEntry[] {
  const found = extractEmbedded(text, fileName);
  if (found?.adapter.format === 'terraform')
    return terraformCompletions(text, offset, (t) => extractEmbedded(t, fileName)?.result.documents ?? []);
  if (found?.adapter.format !== 'cloudformation') return [];
  return cloudFormationCompletions(text, offset, found.result.documents);
}
