/** Every operation the emulator serves, by the service's operation name. */
import type { Handler } from './common';
import { COPY_HANDLERS } from './copy';
import { PLAN_HANDLERS } from './plans';
import { REGION_HANDLERS } from './region';
import { RESTORE_HANDLERS } from './restore';
import { RESTORE_TESTING_HANDLERS } from './restoreTesting';
import { VAULT_HANDLERS } from './vaults';

export const HANDLERS: Record<string, Handler> = {
  ...VAULT_HANDLERS,
  ...PLAN_HANDLERS,
  ...RESTORE_HANDLERS,
  ...RESTORE_TESTING_HANDLERS,
  ...REGION_HANDLERS,
  ...COPY_HANDLERS,
};
