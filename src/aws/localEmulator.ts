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

export const LOCAL_EMULATOR_DEFAULT_URL = 'http://127.0.0.1:4566';

/** Only loopback addresses count as "the local emulator". */
export function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(u.hostname)
    );
  } catch {
    return false;
  }
}
