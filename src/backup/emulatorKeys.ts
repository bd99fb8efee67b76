/**
 * The public development keys of the project's AWS Backup emulator, in the one module both the AWS
 * access layer (which signs with them, and refuses to send anything else to the emulator) and the
 * emulator (which accepts them) read: neither imports the other. Constants only: no I/O.
 */

/**
 * The project's local AWS Backup emulator (`npm run emulator`) accepts requests signed with these
 * public development keys, like other local AWS emulators do. They open nothing but the emulator.
 */
export const LOCAL_EMULATOR_CREDENTIALS = {
  accessKeyId: 'AKIAEMULATOR00000001',
  secretAccessKey: 'emulator/secret/key/0000000000000000000000',
} as const;

/** Every key the emulator issues starts so: its own account's and its member accounts' (AKIAEMULATORMEMBER01…). */
export const EMULATOR_KEY_PREFIX = 'AKIAEMULATOR';
