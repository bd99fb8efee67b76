/**
 * The door for what changes an account's backup set-up: creating and updating plans, assigning
 * resources, and the Region's opt-in settings. Every create carries a CreatorRequestId (the caller's,
 * derived from what it sends), so a retry or a double click creates one thing, not two. Every failure
 * is an AwsAccessError.
 */
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  DescribeRegionSettingsCommand,
  UpdateBackupPlanCommand,
  UpdateRegionSettingsCommand,
  type BackupPlanInput,
} from '@aws-sdk/client-backup';
import { accountOf } from '../backup/arn';
import type { BackupApi, CallOptions } from './backupApi';
import { toAccessError } from './errors';

/**
 * A plan or a selection as a checked document holds it: JSON the lint gate has validated against the
 * service model's shapes, sent as it is (the SDK's types are narrower than JSON can say).
 */
type PlanBody = { BackupPlanName: string; Rules: object[] } & object;
type SelectionBody = { SelectionName: string; IamRoleArn: string } & object;

interface PlanWritten {
  BackupPlanId: string;
  BackupPlanArn?: string;
  VersionId?: string;
}

export class PlanApi {
  constructor(readonly api: BackupApi) {}

  get connection(): BackupApi['connection'] {
    return this.api.connection;
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      const { profileKind } = this.api.sdk;
      throw toAccessError(e, {
        operation,
        connection: this.api.connection,
        ...(profileKind ? { profileKind } : {}),
      });
    }
  }

  /**
   * The 12-digit account these requests go to, as the service names it in an ARN of its own: the
   * BackupVaultArn DescribeBackupVault returns for `vaultName` (a create's target vault), or else the
   * first vault ListBackupVaults returns (one item asked for). AWS Backup has no call that names the
   * caller's account; an ARN it returns is the account the signed request reached. Undefined when
   * neither answers (no permission, no vault yet): the caller says "account unknown", never a guess.
   */
  async readAccountId(vaultName?: string, o: CallOptions = {}): Promise<string | undefined> {
    if (vaultName) {
      const v = await this.api.describeBackupVault(vaultName, o).catch(() => undefined);
      const id = accountOf(v?.BackupVaultArn)?.accountId;
      if (id) return id;
    }
    const first = await this.api
      .listBackupVaultsPage(undefined, { ...o, pageSize: 1 })
      .catch(() => undefined);
    return accountOf(first?.items[0]?.BackupVaultArn)?.accountId;
  }

  /**
   * CreateBackupPlan, with the document's BackupPlanTags when it has any; the same CreatorRequestId
   * again returns the plan it created.
   */
  createBackupPlan(
    plan: PlanBody,
    creatorRequestId: string,
    o: CallOptions & { tags?: Record<string, string> } = {},
  ): Promise<PlanWritten> {
    return this.call('CreateBackupPlan', async () => {
      const r = await this.api.sdk.client.send(
        new CreateBackupPlanCommand({
          BackupPlan: plan as BackupPlanInput,
          CreatorRequestId: creatorRequestId,
          ...(o.tags ? { BackupPlanTags: o.tags } : {}),
        }),
        { abortSignal: o.signal },
      );
      if (!r.BackupPlanId) throw new Error('CreateBackupPlan returned no BackupPlanId');
      return { BackupPlanId: r.BackupPlanId, BackupPlanArn: r.BackupPlanArn, VersionId: r.VersionId };
    });
  }

  /** UpdateBackupPlan: the service keeps no lock, so the caller checks the version it showed first. */
  updateBackupPlan(planId: string, plan: PlanBody, o: CallOptions = {}): Promise<PlanWritten> {
    return this.call('UpdateBackupPlan', async () => {
      const r = await this.api.sdk.client.send(
        new UpdateBackupPlanCommand({ BackupPlanId: planId, BackupPlan: plan as BackupPlanInput }),
        { abortSignal: o.signal },
      );
      return {
        BackupPlanId: r.BackupPlanId ?? planId,
        BackupPlanArn: r.BackupPlanArn,
        VersionId: r.VersionId,
      };
    });
  }

  /** CreateBackupSelection; the same CreatorRequestId again returns the selection it created. */
  createBackupSelection(
    planId: string,
    selection: SelectionBody,
    creatorRequestId: string,
    o: CallOptions = {},
  ): Promise<{ SelectionId: string }> {
    return this.call('CreateBackupSelection', async () => {
      const r = await this.api.sdk.client.send(
        new CreateBackupSelectionCommand({
          BackupPlanId: planId,
          BackupSelection: selection,
          CreatorRequestId: creatorRequestId,
        }),
        { abortSignal: o.signal },
      );
      if (!r.SelectionId) throw new Error('CreateBackupSelection returned no SelectionId');
      return { SelectionId: r.SelectionId };
    });
  }

  /** The Region's ResourceTypeOptInPreference: resource type → opted in. */
  describeRegionSettings(o: CallOptions = {}): Promise<Record<string, boolean>> {
    return this.call('DescribeRegionSettings', async () => {
      const r = await this.api.sdk.client.send(new DescribeRegionSettingsCommand({}), {
        abortSignal: o.signal,
      });
      return { ...(r.ResourceTypeOptInPreference ?? {}) };
    });
  }

  /** Sends the whole opt-in map (whether the service merges a partial one is not documented). */
  updateRegionSettings(optIn: Record<string, boolean>, o: CallOptions = {}): Promise<void> {
    return this.call('UpdateRegionSettings', async () => {
      await this.api.sdk.client.send(
        new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: optIn }),
        { abortSignal: o.signal },
      );
    });
  }
}
