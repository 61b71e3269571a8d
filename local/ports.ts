import { createServer } from 'node:net';
import { LOOPBACK } from './constants.ts';
import { LocalModeError } from './errors.ts';

/** Listens on `port` (0: any free one) and hands back the port it got, or the listen error. */
function probe(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * Fails with a one-sentence message naming the port and the variable that chooses it. Checked
 * before anything is spawned, so a clash never leaves half of local mode running. (A port can
 * still be taken between this check and the real listen; that rarer case fails on listen.)
 */
export async function assertPortFree(port: number, envVar: string): Promise<void> {
  if (port === 0) return;
  try {
    await probe(port);
  } catch (error) {
    throw portError(port, envVar, error);
  }
}

/** The message for a port we cannot listen on, shared by the pre-check and the real listen. */
export function portError(port: number, envVar: string, error: unknown): LocalModeError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new LocalModeError(
      `Port ${port} is already in use: stop whatever is listening on it or choose another port with ${envVar}=<port>.`,
      { cause: error },
    );
  }
  return new LocalModeError(
    `Cannot listen on ${LOOPBACK}:${port} (${code ?? String(error)}): choose another port with ${envVar}=<port>.`,
    {
      cause: error,
    },
  );
}

/** A port nobody is listening on right now (for DynamoDB Local, which cannot report the one it got). */
export function freePort(): Promise<number> {
  return probe(0);
}
