import { strict as assert } from 'node:assert';
import { watchTitle } from '../../src/restore/followJob';

describe('the notification that follows a restore job (issue 23)', () => {
  it('says what its Cancel button does: it stops the watching, and the job goes on', () => {
    const title = watchTitle('orders-db to 2025-08-01 02:14:37 UTC');
    assert.match(title, /^Restore orders-db to 2025-08-01 02:14:37 UTC/);
    assert.match(title, /"Cancel" stops watching; the restore job goes on/);
  });
});
