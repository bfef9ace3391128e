import 'reflect-metadata';
import { runStandaloneService } from '#service-runtime';
import { storageService } from './storage.service.js';

await runStandaloneService(storageService);
