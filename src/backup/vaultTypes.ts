/**
 * A vault's type in words (ListBackupVaults' VaultType, service model: BACKUP_VAULT,
 * LOGICALLY_AIR_GAPPED_BACKUP_VAULT, RESTORE_ACCESS_BACKUP_VAULT), as the explorer and the restore
 * flow say it. A type the model does not list yet is said in lower case, without underscores.
 */
export function vaultTypeWords(type: string | undefined): string {
  switch (type) {
    case undefined:
    case 'BACKUP_VAULT':
      return 'standard';
    case 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT':
      return 'logically air-gapped';
    case 'RESTORE_ACCESS_BACKUP_VAULT':
      return 'restore access';
    default:
      return type
        .toLowerCase()
        .replace(/_/g, ' ')
        .replace(/ backup vault$/, '');
  }
}
