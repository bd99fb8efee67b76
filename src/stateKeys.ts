/**
 * Keys of what the extension keeps in VS Code's global state. Activation reads two of them before
 * the AWS half is loaded, to know whether it must be (a remembered connection, unfinished jobs).
 */
export const LAST_CONNECTION_KEY = 'awsBackupPitr.lastConnection';
export const RESTORE_JOBS_KEY = 'awsBackupPitr.restoreJobs';
