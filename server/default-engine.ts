// The real engine (engine/index.ts), as the server's default EngineApi.

import * as engineModule from '../engine/index.js';
import type { EngineApi } from '../engine/api.js';

export const engine: EngineApi = engineModule;
