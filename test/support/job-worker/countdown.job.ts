import type { JobContext, JobHandler } from '#jobs';

export const COUNTDOWN_JOB_TYPE = 'test.countdown';

export interface CountdownInput {
  steps: number;
  step_ms: number;
}

/** One finished step and the worker that did it, so a test can tell who did what after a takeover. */
export interface CountdownStepRun {
  step: number;
  worker: string;
  attempt: number;
}

export interface CountdownState {
  completed_steps: number;
  runs: CountdownStepRun[];
}

/**
 * `test.countdown`: N steps of `step_ms` each; every finished step is a checkpoint (recording who ran
 * it) and a progress report. A resumed run starts after the last checkpointed step.
 */
export function countdownJob(workerName: string): JobHandler<CountdownInput, CountdownState> {
  return async (context: JobContext<CountdownInput, CountdownState>) => {
    const { steps, step_ms: stepMs } = context.input;
    const resumed = context.resumeFrom();
    let state: CountdownState = resumed ?? { completed_steps: 0, runs: [] };
    context.reportProgress(state.completed_steps / steps, resumed ? `Resuming after step ${state.completed_steps}` : 'Starting');
    for (let step = state.completed_steps + 1; step <= steps; step++) {
      await new Promise((resolve) => setTimeout(resolve, stepMs));
      state = { completed_steps: step, runs: [...state.runs, { step, worker: workerName, attempt: context.attempt }] };
      await context.checkpoint(state, step / steps, `Step ${step} of ${steps}`);
    }
    return { steps, resumed_from: resumed?.completed_steps ?? 0, runs: JSON.stringify(state.runs) };
  };
}
