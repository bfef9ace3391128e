import 'reflect-metadata';
import { runStandaloneService } from '#service-runtime';
import { loadSynthesisConfig } from './synthesis.config.js';
import { createSynthesisService } from './synthesis.service.js';

await runStandaloneService(createSynthesisService(loadSynthesisConfig()));
