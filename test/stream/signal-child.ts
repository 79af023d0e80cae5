// The `kaohe` command line in a child process, for test/stream/signal.test.ts (it sends the child
// SIGINT/SIGTERM mid-run); bin/kaohe.js runs the built copy of the same `main`.
import { main } from '../../cli/main.js';

process.exitCode = await main(process.argv.slice(2));
