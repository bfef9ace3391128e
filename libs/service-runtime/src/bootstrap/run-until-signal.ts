import { ConfigValidationError } from '../config/load-config.js';

export interface Stoppable {
  close(): Promise<void>;
}

/**
 * Runs an app until SIGTERM/SIGINT, then stops it gracefully (a second signal forces the exit).
 * A bad configuration is printed as one readable message and exits with status 78 (EX_CONFIG).
 */
export async function runUntilSignal(name: string, start: () => Promise<Stoppable>): Promise<void> {
  let running: Stoppable;
  try {
    running = await start();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`${name}: second ${signal}, exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name}: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
