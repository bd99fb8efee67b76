/** What the restore flow's option steps remember, apart from the steps themselves (the flow's state holds them). */
export interface S3OptionAnswers {
  scope: 'bucket' | 'items';
  items: string[];
  /** The EncryptionType sent; '' leaves the key out. */
  encryption: string;
  kmsKey: string;
  /** The RestoreACLs sent; '' leaves the key out. */
  acls: string;
}

/** The values chosen, by documented key; a key not here is as the service returned it. */
export interface DbSettingsAnswers {
  values: Record<string, string>;
  /** The setting last opened, active again when the menu comes back. */
  last?: string;
}
