// Why the OpenAPI document's TraceValue is not a recursive `$ref` (user trial U7-7): openapi-typescript
// (the devDependency's version, the generator the README names) turns a schema whose list items refer
// to itself into `TraceValue: (… | components["schemas"]["TraceValue"][]) | null`, and TypeScript
// refuses that property with TS2502 ("referenced directly or indirectly in its own type annotation"):
// every generated client would fail to compile (openapi-ts/openapi-typescript#1603). So the document
// describes lists two levels deep, their own items left open (engine/result-schema.ts). This test
// keeps the reason true: when a generator release types the recursive schema, it fails, and the
// document can name itself.

import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RECURSIVE = {
  openapi: '3.0.0', info: { title: 'trace', version: '1' }, paths: {},
  components: {
    schemas: {
      TraceValue: {
        anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }, { type: 'array', items: { $ref: '#/components/schemas/TraceValue' } }],
        nullable: true,
      },
    },
  },
} as const;

/** The diagnostics of one TypeScript file, compiled alone (ES5's lib only: the error is in the declaration). */
function diagnostics(source: string): string[] {
  const options: ts.CompilerOptions = { lib: ['lib.es5.d.ts'], types: [], strict: true, noEmit: true };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile;
  host.getSourceFile = (name, lang, ...rest) => (name === 'api.ts' ? ts.createSourceFile(name, source, lang) : read.call(host, name, lang, ...rest));
  const program = ts.createProgram(['api.ts'], options, host);
  return program.getSemanticDiagnostics(program.getSourceFile('api.ts')).map((d) => `TS${d.code}`);
}

describe('a recursive TraceValue in the OpenAPI document', () => {
  it('is typed by openapi-typescript as a property naming itself, which tsc refuses (TS2502)', async () => {
    const api = astToString(await openapiTS(RECURSIVE as never));
    expect(api).toMatch(/TraceValue: \(number \| string \| boolean \| components\["schemas"\]\["TraceValue"\]\[\]\) \| null;/);
    expect(diagnostics(api)).toContain('TS2502');
  }, 60_000);
});
