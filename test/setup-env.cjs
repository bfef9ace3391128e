// Tests log at warn level unless asked otherwise, so their output stays readable.
process.env.LOG_LEVEL ??= 'warn';
