/**
 * CFN004: the tags and intrinsic functions of a template, checked for the shape CloudFormation
 * documents (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html),
 * as cfn-lint does (E1020 Ref, E1010 GetAtt, E1011 FindInMap, and an unknown tag): a value the linter
 * would otherwise read as "not known until deployment" and pass in silence.
 */
import type { RawFinding } from '../context';
import type { SourceIntrinsic, SourceNode } from './cloudformationSource';

const REF = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/';

/** What is wrong with one intrinsic's arguments, or undefined. */
function problem(n: SourceIntrinsic): string | undefined {
  const a = n.args;
  const written = n.tag ?? n.name;
  const nonEmpty = (x: SourceNode | undefined): boolean =>
    x?.kind === 'scalar' && typeof x.value === 'string' && x.value.trim() !== '';
  switch (n.name) {
    case 'tag':
      return `"${written}" is not a tag CloudFormation knows: a template's YAML tags are the short forms of its intrinsic functions (!Ref, !Sub, !GetAtt, !FindInMap, !If, !Join, …; ${REF}intrinsic-function-reference.html), and a template with another one cannot be deployed. Use one of those, or write the value out.`;
    case 'Ref':
      if (nonEmpty(a)) return undefined;
      return `${written} needs one logical ID or parameter name${a?.kind === 'seq' ? ', not a list' : a?.kind === 'map' ? ', not a mapping' : ', and has none'} (${REF}intrinsic-function-reference-ref.html; cfn-lint E1020).`;
    case 'Fn::GetAtt': {
      const ok =
        (a?.kind === 'scalar' && typeof a.value === 'string' && /^[^.\s]+\.\S+$/.test(a.value.trim())) ||
        (a?.kind === 'seq' && a.items.length === 2 && nonEmpty(a.items[0]));
      if (ok) return undefined;
      const got =
        a?.kind === 'seq'
          ? `${a.items.length} value${a.items.length === 1 ? '' : 's'}`
          : nonEmpty(a)
            ? 'no attribute'
            : 'nothing';
      return `${written} needs a logical ID and an attribute ("Resource.Attribute", or [Resource, Attribute]), and has ${got} (${REF}intrinsic-function-reference-getatt.html; cfn-lint E1010).`;
    }
    case 'Fn::FindInMap': {
      // A fourth value (a DefaultValue) is allowed with the AWS::LanguageExtensions transform.
      const count = a?.kind === 'seq' ? a.items.length : undefined;
      if (count === 3 || count === 4) return undefined;
      return `${written} takes three values, [MapName, TopLevelKey, SecondLevelKey], and has ${count === undefined ? 'no list' : count} (${REF}intrinsic-function-reference-findinmap.html; cfn-lint E1011).`;
    }
    default:
      return undefined;
  }
}

/** CFN004 for every malformed intrinsic or unknown tag under `root` (values read through an alias are the anchor's). */
export function checkIntrinsics(
  root: SourceNode | undefined,
  resource: string | undefined,
  out: RawFinding[],
): void {
  const stack: SourceNode[] = root ? [root] : [];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.alias) continue;
    if (n.kind === 'intrinsic') {
      const message = problem(n);
      if (message)
        out.push({
          code: 'CFN004',
          message,
          offset: n.offset,
          length: n.length,
          ...(resource ? { resource } : {}),
        });
      if (n.args) stack.push(n.args);
    } else if (n.kind === 'seq') for (const item of n.items) stack.push(item);
    else if (n.kind === 'map') for (const e of n.entries) if (e.value) stack.push(e.value);
  }
}
