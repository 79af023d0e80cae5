// The backend matrix (matrix.ts), second half of the reference schemes.
import { matrixSuite, shard } from './matrix.js';

matrixSuite('b', shard(1));
