// The gateway simulator's own CLI (sim/gateway/cli.ts, same flags), which also stops when the
// crash loop that started it goes away (its stdin closes), so that no simulator outlives a
// test run that was killed.
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
await import('../../sim/gateway/cli');

export {};
