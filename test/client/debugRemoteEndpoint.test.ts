// Before a remote plugin's service is started under the debugger, its endpoint's port must be free
// (client/src/debug/resolve.ts endpointTaken): real sockets on loopback ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { endpointTaken } from '../../client/src/debug/resolve';

function listen(server: net.Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
  });
}

const close = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

test('a port something listens on is reported with the plugin, the port and the endpoint; once closed it is free', async () => {
  const server = net.createServer((socket) => socket.destroy());
  const port = await listen(server, '127.0.0.1');
  try {
    const message = await endpointTaken(new URL(`http://127.0.0.1:${port}/api`), 'svc');
    assert.match(message ?? '', new RegExp(`^svc: port ${port} of remote\\.endpoint http://127\\.0\\.0\\.1:${port} is already in use by another process`));
    assert.match(message ?? '', /Stop whatever listens there/);
    assert.match(await endpointTaken(new URL(`http://localhost:${port}`), 'svc') ?? '', /already in use/, 'localhost is this machine too');
  } finally {
    await close(server);
  }
  assert.equal(await endpointTaken(new URL(`http://127.0.0.1:${port}`), 'svc'), undefined);
});

test('an endpoint on another machine is not checked (the debugger does not start that service)', async () => {
  assert.equal(await endpointTaken(new URL('http://mockforge.invalid:8080'), 'svc'), undefined);
});
