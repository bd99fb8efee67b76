/** Every operation the emulator serves, by the service's operation name. */
import type { Handler } from './common';
import { PLAN_HANDLERS } from './plans';
import { REGION_POSTURE_HANDLERS } from './regionPosture';
import { RESTORE_HANDLERS } from './restore';
import { VAULT_HANDLERS } from './vaults';

export type { HandlerContext } from './common';
export { isContinuous, restorableWindow } from './common';
export { restoreJobView } from './restore';

export const HANDLERS: Record<string, Handler> = {
  ...VAULT_HANDLERS,
  ...PLAN_HANDLERS,
  ...RESTORE_HANDLERS,
  ...REGION_POSTURE_HANDLERS,
};
