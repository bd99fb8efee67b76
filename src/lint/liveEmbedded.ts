/**
 * Live checks in a template (./live.ts does the asking): LIVE001 for each plan's vaults named
 * literally (or through a `!Ref` the adapter resolved), except those the file itself declares, and LIVE003/LIVE004 for a selection's
 * literal resources against the continuous vaults of the plan the template says it belongs to.
 * Values left to deployment are not asked about.
 */
import type { Node } from 'jsonc-parser';
import { extractEmbedded, inFileTerms, inHclSyntax } from './embedded';
import { booleanValue, elements, stringValue, valueOf } from './jsonAst';
import { checkPlanVaults, checkSelectionAgainst, type LiveFacts } from './live';
import type { Finding } from './types';

type Raw = Omit<Finding, 'severity'>;

/** The vaults a plan's continuous rules target, as the file writes them. */
function continuousVaults(plan: Node): string[] {
  const out = new Set<string>();
  for (const rule of elements(valueOf(plan, 'Rules'))) {
    if (booleanValue(valueOf(rule, 'EnableContinuousBackup')) !== true) continue;
    const vault = stringValue(valueOf(rule, 'TargetBackupVaultName'));
    if (vault !== undefined) out.add(vault);
  }
  return [...out];
}

export async function liveCheckEmbedded(
  text: string,
  fileName: string | undefined,
  facts: LiveFacts,
  signal?: AbortSignal,
): Promise<Raw[]> {
  const found = extractEmbedded(text, fileName);
  if (!found) return [];
  const out: Raw[] = [];
  // A vault the file creates is not missing: it is there once the file is deployed.
  const declared = new Set(found.result.vaults);
  const plans = new Map(
    found.result.documents.filter((d) => d.kind === 'backup-plan').map((d) => [d.resource.label, d]),
  );
  for (const doc of found.result.documents) {
    if (signal?.aborted) break;
    const own: Raw[] = [];
    if (doc.kind === 'backup-plan') await checkPlanVaults(doc.root, facts, own, declared);
    const plan = doc.planLabel !== undefined ? plans.get(doc.planLabel) : undefined;
    const vaults = plan ? continuousVaults(plan.root) : [];
    if (doc.kind === 'backup-selection' && vaults.length > 0)
      await checkSelectionAgainst(doc.root, vaults, facts, own, signal);
    const terms = (m: string): string => inFileTerms(m, doc.sourceNames);
    for (const f of own)
      out.push({
        ...f,
        message: found.result.format === 'cloudformation' ? terms(f.message) : inHclSyntax(terms(f.message)),
        resource: doc.resource.label,
      });
  }
  return out;
}
