// The streaming cohort (issue 16): evaluate a cohort read from a re-openable source, writing results
// in input order as they are ready (cohort-stream.ts), the sinks results go to (sinks.ts), and the
// sources subjects come from (source.ts; roster files: sheets/node/roster-stream.ts).

export { streamCohort, type CohortHead, type ResultSink, type StreamHooks, type StreamStats } from './cohort-stream.js';
export { AtomicFile, collectSink, jsonlSink, prettyJsonSink } from './sinks.js';
export { arraySource, type SubjectSource } from './source.js';
export { removeLitter, removeQuietly, sweepStale, track } from './litter.js';
