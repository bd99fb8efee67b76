import { strict as assert } from 'node:assert';
import { errorText, noIcons, noLinks } from '../../../src/aws/awsText';

/** VS Code's own link syntax for notification messages (vs/base/common/linkedText.ts). */
const VSCODE_NOTIFICATION_LINK =
  /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('text from AWS, where VS Code reads markup', () => {
  it('a status message cannot become a clickable link in a notification, and reads as sent', () => {
    const hostile = [
      'Restore failed [Fix it](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
      'see [docs](https://example.com/x "title") and [file](file:///etc/passwd)',
    ];
    for (const text of hostile) {
      assert.ok(text.match(VSCODE_NOTIFICATION_LINK), 'the sample is a link as sent');
      const shown = noLinks(text);
      assert.equal(shown.match(VSCODE_NOTIFICATION_LINK), null, shown);
      assert.equal(shown.replace(/\] \(/g, ']('), text, 'nothing else changed');
    }
    const ordinary = 'Access denied for backup:StartRestoreJob (arn:aws:backup:us-east-1:1:vault[0])';
    assert.equal(noLinks(ordinary), ordinary);
    assert.equal(errorText(new Error('[x](command:y)')).match(VSCODE_NOTIFICATION_LINK), null);
    assert.equal(errorText('plain'), 'plain');
  });

  it('a resource name cannot become an icon in a quick pick', () => {
    assert.equal(noIcons('db-$(trash)-1'), 'db-\\$(trash)-1');
    assert.equal(noIcons('orders-db'), 'orders-db');
  });
});
