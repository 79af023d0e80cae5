#!/usr/bin/env node
// The `kaohe` command. The project is TypeScript run through tsx, so `npx kaohe …` works right
// after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { quietWhenOutputClosed } = await import('../cli/io.ts');
quietWhenOutputClosed();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
