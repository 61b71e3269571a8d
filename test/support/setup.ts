// Runs before every test file: quiet structured logs (tests assert on responses, not log lines).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
