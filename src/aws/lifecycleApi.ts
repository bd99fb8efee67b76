/**
 * The two calls that end a recovery point's life: DeleteRecoveryPoint and DisassociateRecoveryPoint
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DeleteRecoveryPoint.html,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DisassociateRecoveryPoint.html). They are
 * kept apart from the read-only door (backupApi.ts), on a client from the one factory, and are never
 * retried by hand: the SDK's own retries resend the same request, and both calls are safe to repeat
 * (a point already gone answers ResourceNotFoundException). Every failure is an AwsAccessError whose
 * message carries the service's own words.
 */
import {
  DeleteRecoveryPointCommand,
  DisassociateRecoveryPointCommand,
  type BackupClient,
} from '@aws-sdk/client-backup';
import type { CallOptions } from './backupApi';
import type { BackupClientFactory } from './clientFactory';
import type { Connection } from './connection';
import { toAccessError } from './errors';

export class LifecycleApi {
  constructor(
    private readonly client: BackupClient,
    readonly connection: Connection,
  ) {}

  private async send(
    operation: 'DeleteRecoveryPoint' | 'DisassociateRecoveryPoint',
    vault: string,
    recoveryPointArn: string,
    o: CallOptions,
  ): Promise<void> {
    const input = { BackupVaultName: vault, RecoveryPointArn: recoveryPointArn };
    try {
      await (operation === 'DeleteRecoveryPoint'
        ? this.client.send(new DeleteRecoveryPointCommand(input), { abortSignal: o.signal })
        : this.client.send(new DisassociateRecoveryPointCommand(input), { abortSignal: o.signal }));
    } catch (e) {
      throw toAccessError(e, { operation, connection: this.connection, vaultName: vault });
    }
  }

  /**
   * Deletes a recovery point. For a continuous one this "deletes the existing continuous backup and
   * stops future continuous backup" — until a plan that still selects the resource runs again.
   */
  deleteRecoveryPoint(vault: string, recoveryPointArn: string, o: CallOptions = {}): Promise<void> {
    return this.send('DeleteRecoveryPoint', vault, recoveryPointArn, o);
  }

  /** Hands a continuous backup back to its source service (continuous points only). */
  disassociateRecoveryPoint(vault: string, recoveryPointArn: string, o: CallOptions = {}): Promise<void> {
    return this.send('DisassociateRecoveryPoint', vault, recoveryPointArn, o);
  }
}

/** The lifecycle calls for a connection, on the factory's cached client for it. */
export function openLifecycleApi(factory: BackupClientFactory, connection: Connection): LifecycleApi {
  return new LifecycleApi(factory.get(connection), connection);
}
