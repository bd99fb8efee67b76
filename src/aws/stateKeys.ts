/**
 * What the AWS layer keeps in VS Code's global state: the connection chosen last. On the floor that
 * owns it; the composition root reads it at activation to know whether to load the AWS half.
 */
export const LAST_CONNECTION_KEY = 'awsBackupPitr.lastConnection';
