import { Body, Controller, Post } from '@nestjs/common';
import { JobRunner } from '#jobs';
import { COUNTDOWN_JOB_TYPE, type CountdownInput } from './countdown.job.js';

/** How a test starts a countdown: `POST /countdowns` on the worker's ops port (no gateway route exists for test jobs). */
@Controller('countdowns')
export class CountdownsHttpController {
  constructor(private readonly runner: JobRunner) {}

  @Post()
  start(@Body() body: { user_id: string; steps: number; step_ms: number; title?: string }): Promise<{ job_id: string }> {
    return this.runner.start<CountdownInput>({
      type: COUNTDOWN_JOB_TYPE,
      userId: body.user_id,
      input: { steps: body.steps, step_ms: body.step_ms },
      title: body.title ?? `Countdown of ${body.steps}`,
    });
  }
}
