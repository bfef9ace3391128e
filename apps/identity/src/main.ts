import 'reflect-metadata';
import { runStandaloneService } from '#service-runtime';
import { identityService } from './identity.service.js';

await runStandaloneService(identityService);
