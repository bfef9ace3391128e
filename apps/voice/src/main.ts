import 'reflect-metadata';
import { runStandaloneService } from '#service-runtime';
import { loadVoiceConfig } from './voice.config.js';
import { createVoiceService } from './voice.service.js';

await runStandaloneService(createVoiceService(loadVoiceConfig()));
