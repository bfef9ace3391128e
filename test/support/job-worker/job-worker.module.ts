import { Module, type DynamicModule, type OnModuleInit, Injectable } from '@nestjs/common';
import { JobRunner, JobWorkerModule, type JobRunnerOptions } from '#jobs';
import { COUNTDOWN_JOB_TYPE, countdownJob } from './countdown.job.js';
import { CountdownsHttpController } from './countdowns.http.controller.js';

@Injectable()
class CountdownRegistration implements OnModuleInit {
  constructor(private readonly runner: JobRunner) {}

  onModuleInit(): void {
    this.runner.register(COUNTDOWN_JOB_TYPE, countdownJob(process.env.WORKER_NAME ?? `worker-${process.pid}`));
  }
}

/** The test worker's context: a JobRunner with the countdown job and the route that starts one. */
@Module({})
export class TestJobWorkerModule {
  static forRoot(options: JobRunnerOptions): DynamicModule {
    const worker = JobWorkerModule.forRoot(options);
    return {
      module: TestJobWorkerModule,
      imports: [worker],
      controllers: [CountdownsHttpController],
      providers: [CountdownRegistration],
    };
  }
}
