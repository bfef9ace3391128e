import 'reflect-metadata';
import { runUntilSignal } from '#service-runtime';
import { loadEmbeddedConfig } from './embedded.config.js';
import { startEmbeddedPlatform } from './embedded-platform.js';

await runUntilSignal('voxify', () => startEmbeddedPlatform(loadEmbeddedConfig()));
