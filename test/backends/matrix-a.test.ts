// The backend matrix (matrix.ts), first half of the reference schemes.
import { matrixSuite, shard } from './matrix.js';

matrixSuite('a', shard(0));
