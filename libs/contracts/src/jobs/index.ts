export * from './job.views.js';
export * from './job.errors.js';
export * from './job.events.js';
export * from './job.messages.js';
