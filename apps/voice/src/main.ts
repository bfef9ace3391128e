import 'reflect-metadata';
import { runStandaloneService } from '#service-runtime';
import { voiceService } from './voice.service.js';

await runStandaloneService(voiceService);
