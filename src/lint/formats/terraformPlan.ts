/**
 * The Terraform plan JSON adapter: `terraform show -json tfplan > plan.json` (or of the state), for
 * the command line. Its format: https://developer.hashicorp.com/terraform/internals/json-format.
 *
 * Each `aws_backup_plan` and `aws_backup_selection` in `resource_changes` (its `change.after`, the
 * values Terraform will send, in every module), or failing those, in `planned_values` / `values`
 * (`root_module` and its `child_modules`), becomes a CLI-shaped tree through the same table as
 * the HCL adapter (terraformSpec.ts). Values still unknown at plan time (`after_unknown`: true) are
 * unknown nodes, never reported. Blocks are arrays of objects in this format; resources being
 * deleted are left out. A plan is generated, so fixes belong in the .tf files: none are offered here.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { RawFinding } from '../context';
import { PLAN, SELECTION, sourceNames, type Body } from './terraformSpec';
import { adopt, buildBody, node, unknown, type SourceBody, type SourceEntry } from './terraformTree';
import { sniffTerraformPlan } from './sniff';
import type { EmbeddedDocument, EmbeddingResult, FormatAdapter } from './types';

const TYPES: Readonly<Record<string, { spec: Body; kind: 'backup-plan' | 'backup-selection' }>> = {
  aws_backup_plan: { spec: PLAN, kind: 'backup-plan' },
  aws_backup_selection: { spec: SELECTION, kind: 'backup-selection' },
};
const NAMES = { 'backup-plan': sourceNames(PLAN), 'backup-selection': sourceNames(SELECTION) };
const MAX_MODULE_DEPTH = 64;

export const terraformPlanAdapter: FormatAdapter = {
  format: 'terraform-plan',
  sniff: sniffTerraformPlan,
  extract(text) {
    try {
      return extract(text);
    } catch {
      return undefined;
    }
  },
  translateFix: () => undefined,
};

function extract(text: string): EmbeddingResult | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const findings: RawFinding[] = errors.slice(0, 5).map((e) => ({
    code: 'TF001',
    message:
      'This Terraform JSON cannot be read (is it cut short?). Write it again with "terraform show -json tfplan > plan.json".',
    offset: e.offset,
    length: e.length,
  }));
  if (root?.type !== 'object' || !get(root, 'format_version'))
    return findings.length ? { format: 'terraform-plan', documents: [], findings } : undefined;
  const documents: EmbeddedDocument[] = [];
  const vaults = new Set<string>();
  const changes = get(root, 'resource_changes');
  if (changes?.type === 'array') {
    for (const c of changes.children ?? []) {
      const type = str(get(c, 'type'));
      const change = get(c, 'change');
      const after = get(change, 'after');
      const managed = str(get(c, 'mode')) !== 'data';
      const vault = managed && type === 'aws_backup_vault' ? str(get(after, 'name')) : undefined;
      if (vault !== undefined) vaults.add(vault);
      if (str(get(c, 'mode')) === 'data' || !type || !TYPES[type] || after?.type !== 'object') continue;
      documents.push(doc(type, get(c, 'address') ?? c, after, get(change, 'after_unknown'), text));
    }
  } else {
    const values = get(root, 'planned_values') ?? get(root, 'values');
    collectModule(get(values, 'root_module'), text, { documents, vaults }, 0);
  }
  return { format: 'terraform-plan', documents, findings, vaults: [...vaults] };
}

function collectModule(
  mod: Node | undefined,
  text: string,
  out: { documents: EmbeddedDocument[]; vaults: Set<string> },
  depth: number,
): void {
  if (mod?.type !== 'object' || depth > MAX_MODULE_DEPTH) return;
  for (const r of get(mod, 'resources')?.children ?? []) {
    const type = str(get(r, 'type'));
    const values = get(r, 'values');
    const managed = str(get(r, 'mode')) !== 'data';
    const vault = managed && type === 'aws_backup_vault' ? str(get(values, 'name')) : undefined;
    if (vault !== undefined) out.vaults.add(vault);
    if (str(get(r, 'mode')) === 'data' || !type || !TYPES[type] || values?.type !== 'object') continue;
    out.documents.push(doc(type, get(r, 'address') ?? r, values, undefined, text));
  }
  for (const m of get(mod, 'child_modules')?.children ?? []) collectModule(m, text, out, depth + 1);
}

function doc(
  type: string,
  address: Node,
  values: Node,
  unknowns: Node | undefined,
  text: string,
): EmbeddedDocument {
  const { spec, kind } = TYPES[type]!;
  const tree = buildBody(body(values, unknowns, spec, text, 0), spec, { text });
  return {
    kind,
    root: tree,
    resource: {
      label: str(address) ?? type,
      offset: address.offset,
      length: address.length,
    },
    sourceNames: NAMES[kind],
  };
}

/** A values object (and its after_unknown twin) as the entries of a Terraform body. */
function body(
  values: Node | undefined,
  unknowns: Node | undefined,
  spec: Body,
  text: string,
  depth: number,
): SourceBody {
  const entries: SourceEntry[] = [];
  const seen = new Set<string>();
  for (const p of values?.type === 'object' ? (values.children ?? []) : []) {
    const [k, v] = p.children ?? [];
    if (!k || !v || typeof k.value !== 'string') continue;
    const name = k.value;
    seen.add(name);
    const u = get(unknowns, name);
    const field = spec.fields[name];
    const key = { offset: k.offset, length: k.length };
    if (field?.body && (field.shape === 'block' || field.shape === 'blocks') && depth < MAX_MODULE_DEPTH) {
      if (u?.type === 'boolean' && u.value === true) {
        entries.push({ name, kind: 'dynamic', key, offset: p.offset, length: p.length });
        continue;
      }
      (v.type === 'array' ? (v.children ?? []) : []).forEach((el, i) => {
        const elUnknown = u?.type === 'array' ? u.children?.[i] : undefined;
        if (elUnknown?.type === 'boolean' && elUnknown.value === true)
          entries.push({ name, kind: 'dynamic', key, offset: el.offset, length: el.length });
        else
          entries.push({
            name,
            kind: 'block',
            key,
            offset: el.offset,
            length: el.length,
            body: body(el, elUnknown, field.body!, text, depth + 1),
          });
      });
      continue;
    }
    entries.push({
      name,
      kind: 'attribute',
      key,
      offset: p.offset,
      length: p.length,
      value: () => value(v, u),
    });
  }
  // Values unknown until apply are absent from `after` and `true` in `after_unknown`.
  for (const p of unknowns?.type === 'object' ? (unknowns.children ?? []) : []) {
    const [k, v] = p.children ?? [];
    if (
      !k ||
      !v ||
      typeof k.value !== 'string' ||
      seen.has(k.value) ||
      v.type !== 'boolean' ||
      v.value !== true
    )
      continue;
    const field = spec.fields[k.value];
    if (!field) continue;
    const key = { offset: k.offset, length: k.length };
    const isBlock = field.shape === 'block' || field.shape === 'blocks';
    entries.push({
      name: k.value,
      kind: isBlock ? 'dynamic' : 'attribute',
      key,
      offset: p.offset,
      length: p.length,
      value: () => unknown(k.offset, k.length, `(known after apply)`),
    });
  }
  return { offset: values?.offset ?? 0, length: values?.length ?? 0, entries };
}

/** A JSON value as a tree node; undefined for null and "" (what the provider leaves unset). */
function value(v: Node, u: Node | undefined): Node | undefined {
  if (u?.type === 'boolean' && u.value === true) return unknown(v.offset, v.length, '(known after apply)');
  switch (v.type) {
    case 'null':
      return undefined;
    case 'string':
      return v.value === '' ? undefined : node('string', v.offset, v.length, v.value);
    case 'number':
    case 'boolean':
      return node(v.type, v.offset, v.length, v.value);
    case 'array':
      return adopt(
        node('array', v.offset, v.length),
        (v.children ?? []).map(
          (c, i) =>
            value(c, u?.type === 'array' ? u.children?.[i] : undefined) ??
            node('null', c.offset, c.length, null),
        ),
      );
    case 'object': {
      const props = (v.children ?? []).flatMap((p) => {
        const [k, pv] = p.children ?? [];
        if (!k || !pv) return [];
        const val = value(pv, get(u, String(k.value))) ?? node('null', pv.offset, pv.length, null);
        return [
          adopt(node('property', p.offset, p.length), [node('string', k.offset, k.length, k.value), val]),
        ];
      });
      return adopt(node('object', v.offset, v.length), props);
    }
    default:
      return undefined;
  }
}

function get(obj: Node | undefined, name: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  for (const p of obj.children ?? []) if (p.children?.[0]?.value === name) return p.children[1];
  return undefined;
}

function str(n: Node | undefined): string | undefined {
  return n?.type === 'string' && typeof n.value === 'string' ? n.value : undefined;
}
