import 'reflect-metadata';
import { runStandaloneService } from '#service-runtime';
import { loadStorageConfig } from './storage.config.js';
import { createStorageService } from './storage.service.js';

await runStandaloneService(createStorageService(loadStorageConfig()));
