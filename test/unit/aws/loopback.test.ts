import { strict as assert } from 'node:assert';
import { connectionLabel } from '../../../src/aws/connection';
import { isLoopbackUrl } from '../../../src/aws/localEmulator';

/**
 * Only a loopback host counts as the local emulator: it is signed with the emulator's public keys and
 * labelled "Local emulator". A host that merely contains a loopback address (a longer name, a path,
 * a user part) is somewhere else, and must be called a custom endpoint.
 */
describe('the loopback endpoint pattern: anchored to the whole host', () => {
  const elsewhere = [
    'http://127.0.0.1.evil.example',
    'http://127.0.0.1.evil.example:4566',
    'http://evil/127.0.0.1',
    'http://evil.example/localhost',
    'http://localhost.evil.example:4566',
    'http://evil-localhost:4566',
    'http://x127.0.0.1:4566',
    'http://127.0.0.1@evil.example:4566',
    'http://[::1]@evil.example',
    'ftp://127.0.0.1',
  ];
  const local = [
    'http://127.0.0.1:4566',
    'http://127.1.2.3:80',
    'http://localhost:4566',
    'https://[::1]:4566',
  ];

  it('a host that only contains a loopback address is not loopback', () => {
    assert.deepEqual(
      elsewhere.filter((u) => isLoopbackUrl(u)),
      [],
    );
    for (const endpoint of elsewhere)
      assert.equal(connectionLabel({ region: 'us-east-1', endpoint }), 'Custom endpoint', endpoint);
  });

  it('loopback hosts are', () => {
    assert.deepEqual(
      local.filter((u) => !isLoopbackUrl(u)),
      [],
    );
    assert.equal(connectionLabel({ region: 'us-east-1', endpoint: local[0] }), 'Local emulator');
  });
});
