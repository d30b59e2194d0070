import { main } from './main';

try {
  // each file is analysed in a worker (dist/cliWorker.js) under a per-file watchdog
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`jacobian-lens: internal error: ${(e as Error).message}\n`);
  process.exitCode = 3;
}
