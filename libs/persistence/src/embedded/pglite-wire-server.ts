import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { SessionLock } from './session-lock.js';
import {
  CANCEL_REQUEST,
  GSS_ENCRYPTION_REQUEST,
  lastTransactionStatus,
  SSL_REQUEST,
  takeMessages,
  TERMINATE,
  UNIT_END_TYPES,
} from './wire-messages.js';

/**
 * Serves one PGlite database over the PostgreSQL wire protocol to many client connections.
 *
 * PGlite has a single session, so connections must take turns without ever interleaving: a
 * connection owns the session from the first message of a unit of work (a simple Query, or an
 * extended Parse/Bind/Execute… sequence) until the ReadyForQuery that ends it reports the session
 * idle — so a transaction keeps it to its end. (pglite-socket 0.2 kept a connection's turn only
 * inside transactions, so concurrent extended-protocol queries could bind each other's statements.)
 */
export class PgliteWireServer {
  private readonly lock = new SessionLock();
  private readonly sockets = new Set<Socket>();
  private server?: Server;

  constructor(
    private readonly db: PGlite,
    private readonly maxConnections: number,
  ) {}

  async listen(host: string, port: number): Promise<AddressInfo> {
    const server = createServer((socket) => this.accept(socket));
    server.maxConnections = this.maxConnections;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const connection = new WireConnection(this.db, this.lock, socket);
    socket.on('data', (chunk) => connection.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      connection.closed();
    });
  }
}

class WireConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private startupDone = false;
  private holdsSession = false;
  /** Messages are handled strictly in order, one at a time. */
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: PGlite,
    private readonly lock: SessionLock,
    private readonly socket: Socket,
  ) {}

  receive(chunk: Buffer): void {
    const { messages, rest, startup } = takeMessages(Buffer.concat([this.buffer, chunk]), this.startupDone);
    this.buffer = rest;
    const wasStartup = !this.startupDone;
    this.startupDone = startup;
    for (const [index, message] of messages.entries()) {
      const untyped = wasStartup && index === 0;
      this.work = this.work
        .then(() => this.handle(message, untyped))
        .catch(() => {
          this.socket.destroy();
        });
    }
  }

  closed(): void {
    this.work = this.work.then(() => this.endSession(true));
  }

  private async handle(message: Buffer, untyped: boolean): Promise<void> {
    if (this.socket.destroyed) return;
    if (untyped) {
      const code = message.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSS_ENCRYPTION_REQUEST) {
        this.socket.write('N'); // no encryption on loopback
        return;
      }
      if (code === CANCEL_REQUEST) {
        this.socket.end();
        return;
      }
    }
    const type = untyped ? undefined : String.fromCharCode(message[0] as number);
    if (type === TERMINATE) {
      await this.endSession(true);
      this.socket.end();
      return;
    }
    if (!this.holdsSession) {
      await this.lock.acquire();
      this.holdsSession = true;
    }
    const response = await this.db.runExclusive(() =>
      this.db.execProtocolRaw(new Uint8Array(message.buffer, message.byteOffset, message.byteLength)),
    );
    if (response.length > 0 && this.socket.writable) this.socket.write(response);
    if (untyped || (type !== undefined && UNIT_END_TYPES.has(type))) {
      if (lastTransactionStatus(response) === 'I') await this.endSession(false);
    }
  }

  /** Gives the session back; a connection that leaves mid-transaction has it rolled back first. */
  private async endSession(disconnecting: boolean): Promise<void> {
    if (!this.holdsSession) return;
    if (disconnecting && this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => undefined);
    this.holdsSession = false;
    this.lock.release();
  }
}
