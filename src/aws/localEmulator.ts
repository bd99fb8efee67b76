/** Where `npm run emulator` listens by default. */
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
