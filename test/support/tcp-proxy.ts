import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * Forwards 127.0.0.1:<random port> to a target port, so a test can cut a client off from a server
 * (e.g. the bus from RabbitMQ) and let it back in, without touching the server.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private refusing = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy?.accept(client, targetPort, targetHost));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('The proxy has no TCP port');
    proxy = new TcpProxy(server, address.port);
    return proxy;
  }

  get connectionCount(): number {
    return Math.floor(this.sockets.size / 2);
  }

  /** Destroys every open connection and refuses new ones until `restore()`. */
  cut(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.refusing = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, targetPort: number, targetHost: string): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    for (const [socket, peer] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(socket);
      socket.on('error', () => peer.destroy());
      socket.on('close', () => {
        this.sockets.delete(socket);
        peer.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
