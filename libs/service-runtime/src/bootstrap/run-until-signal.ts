import { ConfigValidationError } from '../config/load-config.js';

export interface Stoppable {
  close(): Promise<void>;
}

/**
 * Runs an app until SIGTERM/SIGINT, then stops it gracefully (a second signal forces the exit). The
 * handlers are in place before the app starts: a signal that arrives while it is still starting (it may
 * already answer on the bus) stops it as soon as the start completes, instead of killing it mid-way.
 * A bad configuration is printed as one readable message and exits with status 78 (EX_CONFIG).
 */
export async function runUntilSignal(name: string, start: () => Promise<Stoppable>): Promise<void> {
  let running: Stoppable | undefined;
  let stopRequested = false;
  let stopping = false;
  const close = (app: Stoppable): void => {
    stopping = true;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name}: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping || stopRequested) {
      process.stderr.write(`${name}: second ${signal}, exiting now\n`);
      process.exit(130);
    }
    if (running) close(running);
    else stopRequested = true;
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

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
  if (stopRequested) close(running);
}
