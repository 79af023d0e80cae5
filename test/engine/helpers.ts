// Shared by the engine tests: loading the reference schemes through the real pipeline (prepare =
// parse + check + compile) and reading their cases.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PreparedScheme } from '../../engine/api.js';
import { planOf, prepare } from '../../engine/index.js';
import type { Plan } from '../../engine/plan.js';

export const EXAMPLES = fileURLToPath(new URL('../../../shared/spec/examples', import.meta.url));

export function exampleNames(): string[] {
  return readdirSync(EXAMPLES).filter((f) => f.endsWith('.kaohe')).map((f) => f.replace(/\.kaohe$/, '')).sort();
}

export function loadSource(source: string, path = '<test>'): { scheme: PreparedScheme; plan: Plan } {
  const r = prepare(source, path);
  if (!r.value) {
    const errs = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`);
    throw new Error(`scheme has errors:\n${errs.join('\n')}`);
  }
  return { scheme: r.value, plan: planOf(r.value) };
}

export function loadExample(name: string): { scheme: PreparedScheme; plan: Plan; source: string } {
  const source = readFileSync(join(EXAMPLES, `${name}.kaohe`), 'utf8');
  return { ...loadSource(source, `${name}.kaohe`), source };
}

export interface Case {
  name: string;
  subject?: { id: string; input: Record<string, unknown> };
  subjects?: { id: string; input: Record<string, unknown> }[];
  expect?: Record<string, unknown>;
  cohorts?: Record<string, { size: number; base: number; quota: Record<string, number>; admitted: string[] }>;
  expectErrors?: string[];
}

export function loadCases(name: string): Case[] {
  return (JSON.parse(readFileSync(join(EXAMPLES, `${name}.cases.json`), 'utf8')) as { cases: Case[] }).cases;
}
