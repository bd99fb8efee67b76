/**
 * The door for AWS Backup restore testing (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html):
 * its plans, their selections, and the restore jobs a plan started (ListRestoreJobs with
 * ByRestoreTestingPlanArn). Every failure is an AwsAccessError.
 */
import {
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
  type RestoreJobsListMember,
  type RestoreTestingPlanForList,
  type RestoreTestingSelectionForList,
} from '@aws-sdk/client-backup';
import { pages, type BackupApi, type Page, type PageOptions } from './backupApi';

export class RestoreTestingApi {
  constructor(readonly api: BackupApi) {}

  listPlans(o: PageOptions = {}): AsyncGenerator<Page<RestoreTestingPlanForList>> {
    return pages((token) =>
      this.api.call('ListRestoreTestingPlans', async () => {
        const r = await this.api.sdk.client.send(
          new ListRestoreTestingPlansCommand({ NextToken: token, MaxResults: o.pageSize }),
          { abortSignal: o.signal },
        );
        return { items: r.RestoreTestingPlans ?? [], nextToken: r.NextToken };
      }),
    );
  }

  listSelections(
    planName: string,
    o: PageOptions = {},
  ): AsyncGenerator<Page<RestoreTestingSelectionForList>> {
    return pages((token) =>
      this.api.call('ListRestoreTestingSelections', async () => {
        const r = await this.api.sdk.client.send(
          new ListRestoreTestingSelectionsCommand({
            RestoreTestingPlanName: planName,
            NextToken: token,
            MaxResults: o.pageSize,
          }),
          { abortSignal: o.signal },
        );
        return { items: r.RestoreTestingSelections ?? [], nextToken: r.NextToken };
      }),
    );
  }

  /** The restore jobs a plan started since `since`, newest first as the service lists them. */
  listPlanJobs(
    planArn: string,
    since: Date,
    o: PageOptions = {},
  ): AsyncGenerator<Page<RestoreJobsListMember>> {
    return this.api.listRestoreJobs({ ByRestoreTestingPlanArn: planArn, ByCreatedAfter: since }, o);
  }
}
