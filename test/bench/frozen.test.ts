// The benchmark baselines are frozen (issue 16): the hand-written float function, the Zen graph and
// its harness, and the json-rules-engine harness with the runtime it drives (engine/jre). A ratio in
// docs/benchmarks.md is only comparable across runs while its baseline stays the same code, so a
// change to any of these files fails here. Moving a baseline on purpose = new hash here AND in
// docs/benchmarks.md (its 'Frozen baselines' list), with the reason, in the same commit.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const FROZEN: Record<string, string> = {
  'bench/province-float.ts': '2f5eaa723c8224d912f5e1fdbe5cf4fc93851089b3e268110116484a630aaca2',
  'bench/zen/province-annual.json': 'cc204eeb3dac4319dc04dcf39b03359629bc14cdab99f416e9649e212c177146',
  'bench/zen/harness.ts': 'b7210fa9c19549e257ed4854e1e49bb8992a1ec4fc3aaa53fff713bab974dc1a',
  'bench/jre/harness.ts': '78b48dd438cbdf2ceb96acc6ad21939385b5d27fe8791eb9be507fbdc4a314f6',
  'engine/jre/bind.ts': '9c4d31e562da26dd8ebd4150a88f6ba0bd67c2aea7ad262d7e5973cbba82a0f4',
  'engine/jre/conditions.ts': 'fcfebcdb3d2964d67b49e145e40da82320f82f3f448bec09fa9c414a6bf1c66a',
  'engine/jre/exact.ts': 'b00f5630787c1b5b769c98bf6f056a57dba727fdc64807d720d08a2091710ffb',
  'engine/jre/export.ts': '3f848dc19bbc8f3c8093bb6465ac26c7bf2143f027ab8c6d6d1f8ffcab6eb3d3',
  'engine/jre/periods.ts': '25349a8e99ed2df15410d10861f035e430d87a4ffa36c1ecf5391fe07e469992',
  'engine/jre/register.ts': 'a7ed59175cd90b4794667fced535b7d9362b6a7a318dda0b298ffd86674e3775',
  'engine/jre/runtime.ts': '24193a812ebd7c6bdef7548e186f53fd789467b69323ea29ae590563db87f631',
};

/** The engines the baselines run on, pinned exactly (a new version is a new baseline too). */
const PINNED: Record<string, string> = { '@gorules/zen-engine-linux-x64-gnu': '0.54.0', 'json-rules-engine': '7.3.1' };

const sha256 = (path: string) => createHash('sha256').update(readFileSync(`${ROOT}/${path}`)).digest('hex');

describe('frozen benchmark baselines', () => {
  it.each(Object.entries(FROZEN))('%s keeps its hash', (path, hash) => {
    expect(sha256(path), `${path} changed: a frozen baseline (see the header of this test)`).toBe(hash);
  });

  it('pins zen-engine and json-rules-engine exactly, and those are the versions installed', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as Record<string, Record<string, string>>;
    for (const [name, version] of Object.entries(PINNED)) {
      expect(pkg.dependencies[name] ?? pkg.devDependencies[name] ?? pkg.optionalDependencies?.[name]).toBe(version);
      const installed = JSON.parse(readFileSync(`${ROOT}/node_modules/${name}/package.json`, 'utf8')) as { version: string };
      expect(installed.version).toBe(version);
    }
  });

  it('covers every file of engine/jre', () => {
    const files = readdirSync(`${ROOT}/engine/jre`).filter((f) => f.endsWith('.ts')).map((f) => `engine/jre/${f}`);
    expect(files.filter((f) => !(f in FROZEN))).toEqual([]);
  });
});
