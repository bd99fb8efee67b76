import {
  DescribeBackupVaultCommand,
  DescribeRecoveryPointCommand,
  DescribeRestoreJobCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetRecoveryPointRestoreMetadataCommand,
  ListBackupJobsCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListCopyJobsCommand,
  ListProtectedResourcesCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRecoveryPointsByResourceCommand,
  ListRestoreJobsCommand,
  StartRestoreJobCommand,
  type BackupClient,
  type BackupJob,
  type BackupPlansListMember,
  type BackupSelectionsListMember,
  type BackupVaultListMember,
  type CopyJob,
  type DescribeBackupVaultCommandOutput,
  type DescribeRecoveryPointCommandOutput,
  type DescribeRestoreJobCommandOutput,
  type GetBackupPlanCommandOutput,
  type GetBackupSelectionCommandOutput,
  type GetRecoveryPointRestoreMetadataCommandOutput,
  type ListBackupJobsCommandInput,
  type ListCopyJobsCommandInput,
  type ListRecoveryPointsByBackupVaultCommandInput,
  type ListRestoreJobsCommandInput,
  type ProtectedResource,
  type RecoveryPointByBackupVault,
  type RecoveryPointByResource,
  type RestoreJobsListMember,
  type StartRestoreJobCommandInput,
} from '@aws-sdk/client-backup';
import type { BackupClientFactory } from './clientFactory';
import type { Connection } from './connection';
import { listProfiles } from './profiles';
import { AwsAccessError, toAccessError } from './errors';
import { DEFAULT_PAGING_BOUND, pages, type Page, type PagingBound } from './paging';

export { collect, pages, type Page } from './paging';

export interface CallOptions {
  /** Cancels the request (and its retries): a UI cancel reaches the socket. */
  signal?: AbortSignal;
}

export interface PageOptions extends CallOptions {
  /** MaxResults per request (1–1000). */
  pageSize?: number;
}

/** What every List request carries for paging. */
interface Paging {
  NextToken?: string;
  MaxResults?: number;
}

/** A List request's own filters, without its paging. */
type Filters<I> = Omit<I, keyof Paging>;

/** Filters ListRecoveryPointsByBackupVault applies on the server. */
export type RecoveryPointFilters = Pick<
  ListRecoveryPointsByBackupVaultCommandInput,
  | 'ByResourceArn'
  | 'ByResourceType'
  | 'ByBackupPlanId'
  | 'ByCreatedAfter'
  | 'ByCreatedBefore'
  | 'ByParentRecoveryPointArn'
>;

/**
 * Typed calls over the AWS Backup operations the product needs. Lists come two ways: one page at a
 * time (for "Load more"), or as an async iterator over pages that follows NextToken to the end.
 * Every failure is an AwsAccessError.
 */
export class BackupApi {
  constructor(
    private readonly client: BackupClient,
    readonly connection: Connection,
    private readonly profileKind?: string,
    /** How far its listings follow NextToken (./paging.ts). */
    readonly pagingBound: PagingBound = DEFAULT_PAGING_BOUND,
  ) {}

  /** The SDK client and the profile's kind, for the other doors of src/aws (planApi.ts). */
  get sdk(): { client: BackupClient; profileKind?: string } {
    return { client: this.client, ...(this.profileKind ? { profileKind: this.profileKind } : {}) };
  }

  /** Runs a request of `operation`, its failure turned into an AwsAccessError (for src/aws's other doors too). */
  async call<T>(operation: string, run: () => Promise<T>, vaultName?: string): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw toAccessError(e, {
        operation,
        connection: this.connection,
        ...(vaultName ? { vaultName } : {}),
        ...(this.profileKind ? { profileKind: this.profileKind } : {}),
      });
    }
  }

  /** A listing's pages, within this door's bound. */
  private pages<T>(fetch: (token: string | undefined) => Promise<Page<T>>): AsyncGenerator<Page<T>> {
    return pages(fetch, undefined, this.pagingBound);
  }

  /**
   * One page of a List operation: `send` makes its request with this page's NextToken and
   * MaxResults (and the abort signal), `items` picks the page's list out of the answer.
   */
  private listPage<O extends { NextToken?: string }, T>(
    operation: string,
    send: (paging: Paging, options: { abortSignal?: AbortSignal }) => Promise<O>,
    items: (r: O) => T[] | undefined,
    token: string | undefined,
    o: PageOptions,
    vaultName?: string,
  ): Promise<Page<T>> {
    return this.call(
      operation,
      async () => {
        const r = await send({ NextToken: token, MaxResults: o.pageSize }, { abortSignal: o.signal });
        return { items: items(r) ?? [], nextToken: r.NextToken, operation };
      },
      vaultName,
    );
  }

  listBackupVaultsPage(token?: string, o: PageOptions = {}): Promise<Page<BackupVaultListMember>> {
    return this.listPage(
      'ListBackupVaults',
      (p, h) => this.client.send(new ListBackupVaultsCommand(p), h),
      (r) => r.BackupVaultList,
      token,
      o,
    );
  }
  listBackupVaults(o: PageOptions = {}): AsyncGenerator<Page<BackupVaultListMember>> {
    return this.pages((t) => this.listBackupVaultsPage(t, o));
  }

  describeBackupVault(name: string, o: CallOptions = {}): Promise<DescribeBackupVaultCommandOutput> {
    return this.call(
      'DescribeBackupVault',
      () =>
        this.client.send(new DescribeBackupVaultCommand({ BackupVaultName: name }), {
          abortSignal: o.signal,
        }),
      name,
    );
  }

  listRecoveryPointsPage(
    vault: string,
    filters: RecoveryPointFilters = {},
    token?: string,
    o: PageOptions = {},
  ): Promise<Page<RecoveryPointByBackupVault>> {
    return this.listPage(
      'ListRecoveryPointsByBackupVault',
      (p, h) =>
        this.client.send(
          new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault, ...filters, ...p }),
          h,
        ),
      (r) => r.RecoveryPoints,
      token,
      o,
      vault,
    );
  }
  listRecoveryPoints(
    vault: string,
    filters: RecoveryPointFilters = {},
    o: PageOptions = {},
  ): AsyncGenerator<Page<RecoveryPointByBackupVault>> {
    return this.pages((t) => this.listRecoveryPointsPage(vault, filters, t, o));
  }

  listRecoveryPointsByResourcePage(
    resourceArn: string,
    token?: string,
    o: PageOptions & { managedByAWSBackupOnly?: boolean } = {},
  ): Promise<Page<RecoveryPointByResource>> {
    return this.listPage(
      'ListRecoveryPointsByResource',
      (p, h) =>
        this.client.send(
          new ListRecoveryPointsByResourceCommand({
            ResourceArn: resourceArn,
            ...p,
            ManagedByAWSBackupOnly: o.managedByAWSBackupOnly,
          }),
          h,
        ),
      (r) => r.RecoveryPoints,
      token,
      o,
    );
  }
  listRecoveryPointsByResource(
    resourceArn: string,
    o: PageOptions = {},
  ): AsyncGenerator<Page<RecoveryPointByResource>> {
    return this.pages((t) => this.listRecoveryPointsByResourcePage(resourceArn, t, o));
  }

  describeRecoveryPoint(
    vault: string,
    arn: string,
    o: CallOptions = {},
  ): Promise<DescribeRecoveryPointCommandOutput> {
    return this.call(
      'DescribeRecoveryPoint',
      () =>
        this.client.send(
          new DescribeRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: arn }),
          { abortSignal: o.signal },
        ),
      vault,
    );
  }

  getRecoveryPointRestoreMetadata(
    vault: string,
    arn: string,
    o: CallOptions = {},
  ): Promise<GetRecoveryPointRestoreMetadataCommandOutput> {
    return this.call(
      'GetRecoveryPointRestoreMetadata',
      () =>
        this.client.send(
          new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: vault, RecoveryPointArn: arn }),
          { abortSignal: o.signal },
        ),
      vault,
    );
  }

  listBackupPlansPage(
    token?: string,
    o: PageOptions & { includeDeleted?: boolean } = {},
  ): Promise<Page<BackupPlansListMember>> {
    return this.listPage(
      'ListBackupPlans',
      (p, h) => this.client.send(new ListBackupPlansCommand({ ...p, IncludeDeleted: o.includeDeleted }), h),
      (r) => r.BackupPlansList,
      token,
      o,
    );
  }
  listBackupPlans(o: PageOptions = {}): AsyncGenerator<Page<BackupPlansListMember>> {
    return this.pages((t) => this.listBackupPlansPage(t, o));
  }

  getBackupPlan(
    id: string,
    o: CallOptions & { versionId?: string } = {},
  ): Promise<GetBackupPlanCommandOutput> {
    return this.call('GetBackupPlan', () =>
      this.client.send(new GetBackupPlanCommand({ BackupPlanId: id, VersionId: o.versionId }), {
        abortSignal: o.signal,
      }),
    );
  }

  listBackupSelectionsPage(
    planId: string,
    token?: string,
    o: PageOptions = {},
  ): Promise<Page<BackupSelectionsListMember>> {
    return this.listPage(
      'ListBackupSelections',
      (p, h) => this.client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId, ...p }), h),
      (r) => r.BackupSelectionsList,
      token,
      o,
    );
  }
  listBackupSelections(
    planId: string,
    o: PageOptions = {},
  ): AsyncGenerator<Page<BackupSelectionsListMember>> {
    return this.pages((t) => this.listBackupSelectionsPage(planId, t, o));
  }

  getBackupSelection(
    planId: string,
    selectionId: string,
    o: CallOptions = {},
  ): Promise<GetBackupSelectionCommandOutput> {
    return this.call('GetBackupSelection', () =>
      this.client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId }), {
        abortSignal: o.signal,
      }),
    );
  }

  listProtectedResourcesPage(token?: string, o: PageOptions = {}): Promise<Page<ProtectedResource>> {
    return this.listPage(
      'ListProtectedResources',
      (p, h) => this.client.send(new ListProtectedResourcesCommand(p), h),
      (r) => r.Results,
      token,
      o,
    );
  }
  listProtectedResources(o: PageOptions = {}): AsyncGenerator<Page<ProtectedResource>> {
    return this.pages((t) => this.listProtectedResourcesPage(t, o));
  }

  /** Starts a restore job. Always pass an IdempotencyToken: a retry then never starts a second job. */
  startRestoreJob(
    input: StartRestoreJobCommandInput & { IdempotencyToken: string },
    o: CallOptions = {},
  ): Promise<string> {
    return this.call('StartRestoreJob', async () => {
      const r = await this.client.send(new StartRestoreJobCommand(input), { abortSignal: o.signal });
      if (!r.RestoreJobId) throw new Error('StartRestoreJob returned no RestoreJobId');
      return r.RestoreJobId;
    });
  }

  /**
   * Starts a restore job, sending it again while the failure is one a retry can cure (throttling, a
   * server error, a lost connection), up to `attempts` times with doubling pauses. Every attempt
   * (and every SDK retry inside it) sends the very same request, IdempotencyToken included: the
   * service may have started the job before its answer was lost, and the same token makes it
   * answer with that job instead of starting a second.
   */
  async startRestoreJobRetrying(
    input: StartRestoreJobCommandInput & { IdempotencyToken: string },
    o: CallOptions & {
      attempts?: number;
      firstDelayMs?: number;
      onRetry?: (e: AwsAccessError, attempt: number) => void;
    } = {},
  ): Promise<string> {
    const attempts = o.attempts ?? 4;
    let delay = o.firstDelayMs ?? 1_000;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startRestoreJob(input, o);
      } catch (e) {
        if (!(e instanceof AwsAccessError) || !e.retryable || attempt >= attempts || o.signal?.aborted)
          throw e;
        o.onRetry?.(e, attempt);
        await new Promise((r) => setTimeout(r, delay));
        delay *= 2;
      }
    }
  }

  describeRestoreJob(id: string, o: CallOptions = {}): Promise<DescribeRestoreJobCommandOutput> {
    return this.call('DescribeRestoreJob', () =>
      this.client.send(new DescribeRestoreJobCommand({ RestoreJobId: id }), { abortSignal: o.signal }),
    );
  }

  listRestoreJobsPage(
    filters: Filters<ListRestoreJobsCommandInput> = {},
    token?: string,
    o: PageOptions = {},
  ): Promise<Page<RestoreJobsListMember>> {
    return this.listPage(
      'ListRestoreJobs',
      (p, h) => this.client.send(new ListRestoreJobsCommand({ ...filters, ...p }), h),
      (r) => r.RestoreJobs,
      token,
      o,
    );
  }
  listRestoreJobs(
    filters: Filters<ListRestoreJobsCommandInput> = {},
    o: PageOptions = {},
  ): AsyncGenerator<Page<RestoreJobsListMember>> {
    return this.pages((t) => this.listRestoreJobsPage(filters, t, o));
  }

  listBackupJobsPage(
    filters: Filters<ListBackupJobsCommandInput> = {},
    token?: string,
    o: PageOptions = {},
  ): Promise<Page<BackupJob>> {
    return this.listPage(
      'ListBackupJobs',
      (p, h) => this.client.send(new ListBackupJobsCommand({ ...filters, ...p }), h),
      (r) => r.BackupJobs,
      token,
      o,
    );
  }
  listBackupJobs(
    filters: Filters<ListBackupJobsCommandInput> = {},
    o: PageOptions = {},
  ): AsyncGenerator<Page<BackupJob>> {
    return this.pages((t) => this.listBackupJobsPage(filters, t, o));
  }

  listCopyJobsPage(
    filters: Filters<ListCopyJobsCommandInput> = {},
    token?: string,
    o: PageOptions = {},
  ): Promise<Page<CopyJob>> {
    return this.listPage(
      'ListCopyJobs',
      (p, h) => this.client.send(new ListCopyJobsCommand({ ...filters, ...p }), h),
      (r) => r.CopyJobs,
      token,
      o,
    );
  }
  listCopyJobs(
    filters: Filters<ListCopyJobsCommandInput> = {},
    o: PageOptions = {},
  ): AsyncGenerator<Page<CopyJob>> {
    return this.pages((t) => this.listCopyJobsPage(filters, t, o));
  }
}

/** The door for a connection: its cached client, and the profile's kind for sign-in advice. */
export async function openBackupApi(
  factory: BackupClientFactory,
  connection: Connection,
): Promise<BackupApi> {
  let kind: string | undefined;
  if (connection.profile !== undefined) {
    try {
      kind = (await listProfiles()).find((p) => p.name === connection.profile)?.kind;
    } catch {
      kind = undefined; // unreadable shared files: the call itself will say what is wrong
    }
  }
  return new BackupApi(factory.get(connection), connection, kind, factory.pagingBound);
}
