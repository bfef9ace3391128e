import 'reflect-metadata';
import { runStandaloneService } from '#service-runtime';
import { jobsService } from './jobs.service.js';

await runStandaloneService(jobsService);
