// A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it), for a new remote plugin's dev service.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
