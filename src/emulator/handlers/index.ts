/** Every operation the emulator serves, by the service's operation name. */
import type { Handler } from './common';
import { COPY_HANDLERS } from './copy';
import { PLAN_HANDLERS } from './plans';
import { REGION_HANDLERS } from './region';
import { RESTORE_HANDLERS } from './restore';
import { VAULT_HANDLERS } from './vaults';

export const HANDLERS: Record<string, Handler> = {
  ...VAULT_HANDLERS,
  ...PLAN_HANDLERS,
  ...RESTORE_HANDLERS,
  ...REGION_HANDLERS,
  ...COPY_HANDLERS,
};
