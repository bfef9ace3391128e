import 'reflect-metadata';
import { runStandaloneService } from '#service-runtime';
import { synthesisService } from './synthesis.service.js';

await runStandaloneService(synthesisService);
