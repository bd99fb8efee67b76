/**
 * What the restore feature keeps in VS Code's global state: the restore jobs it started and still
 * follows. On the floor that owns it; the composition root reads it at activation to know whether to
 * load the AWS half.
 */
export const RESTORE_JOBS_KEY = 'awsBackupPitr.restoreJobs';
