/**
 * Restore metadata keys per resource type, read from the record per type (src/backup/resourceTypes.ts),
 * where AWS's restore pages are cited. A key is known when it is spelled as AWS documents it for
 * StartRestoreJob, or as another spelling AWS documents for the same key (`aliases`). Any other
 * spelling that differs only in case is reported (RST006, with a rename): case-insensitive keys are
 * documented only for restore testing, not for StartRestoreJob. The list is read when a rule runs,
 * so a type added to the record is linted with no change here.
 */
import { resourceType, resourceTypes, type MetadataKey } from '../backup/resourceTypes';
import type { MetadataResourceType } from './types';

export type { MetadataKey };

/** A type's keys by their exact spellings (aliases included), and folded to lower case. */
const indexes = new WeakMap<
  readonly MetadataKey[],
  { exact: Map<string, MetadataKey>; folded: Map<string, MetadataKey> }
>();
function indexOf(
  type: MetadataResourceType,
): { exact: Map<string, MetadataKey>; folded: Map<string, MetadataKey> } | undefined {
  const keys = resourceType(type)?.restore?.metadataKeys;
  if (!keys) return undefined;
  let index = indexes.get(keys);
  if (!index) {
    index = {
      exact: new Map(keys.flatMap((k) => [k.key, ...(k.aliases ?? [])].map((name) => [name, k] as const))),
      folded: new Map(keys.map((k) => [k.key.toLowerCase(), k])),
    };
    indexes.set(keys, index);
  }
  return index;
}

/** The key as documented for this type, spelled exactly so (or as a documented alias). */
export function findMetadataKey(type: MetadataResourceType, key: string): MetadataKey | undefined {
  return indexOf(type)?.exact.get(key);
}

/** The documented key this one differs from only in case, if any. */
export function findMetadataKeyIgnoringCase(
  type: MetadataResourceType,
  key: string,
): MetadataKey | undefined {
  return indexOf(type)?.folded.get(key.toLowerCase());
}

export function metadataKeysOf(type: MetadataResourceType): readonly MetadataKey[] {
  return resourceType(type)?.restore?.metadataKeys ?? [];
}

/** The resource type the metadata keys point at, or undefined when none or several do. */
export function resourceTypeFromKeys(keys: Iterable<string>): MetadataResourceType | undefined {
  const markers = resourceTypes().flatMap((t) =>
    t.restore?.markers ? [[t.name, t.restore.markers] as const] : [],
  );
  const found = new Set<MetadataResourceType>();
  for (const k of keys) {
    const lower = k.toLowerCase();
    for (const [type, re] of markers) if (re.test(lower)) found.add(type);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Keys that mark an object as restore metadata on their own: no other file uses them. */
export const METADATA_MARKER =
  /^(destinationbucketname|dbinstanceidentifier|dbclusteridentifier|restoretotime|uselatestrestorabletime|aws:backup:targetdatabasearn|aws:backup:request-id|catalogrestoreoption|file-system-id|newfilesystem)$/i;
/** A key that marks restore metadata only in a flat object of string-like values. */
export const WEAK_METADATA_MARKER = /^RestoreTime$/;

/** The resource type named by a file name such as `s3-restore-metadata.json`. */
export function resourceTypeFromFileName(name: string): MetadataResourceType | undefined {
  const n = name.toLowerCase();
  // In the record list's order (S3's first).
  return resourceTypes().find((t) => t.restore?.fileName?.test(n))?.name;
}

/** Maps a StartRestoreJob ResourceType to the metadata rules that apply (a type whose keys are known). */
export function metadataTypeOfResourceType(
  resourceTypeName: string | undefined,
): MetadataResourceType | undefined {
  return resourceType(resourceTypeName)?.restore ? resourceTypeName : undefined;
}
