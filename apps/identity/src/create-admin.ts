import 'reflect-metadata';
import { createAdminCommand } from './create-admin.command.js';

process.exitCode = await createAdminCommand(process.argv.slice(2), process.env, process.stdout, process.stderr);
