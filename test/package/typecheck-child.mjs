// The package tests' type checks in one node process (typecheck.ts runs it in the run's package folder;
// issue 16, session 8): the OpenAPI client generated from openapi.json as openapi-typescript's CLI
// writes it (its API with the CLI's header: the same api.ts byte for byte), then the two programs `tsc -p .` and
// `tsc -p strict --listFiles` would compile, through TypeScript's API: the same diagnostics as tsc prints
// them (`file(line,col): error TSnnnn: …`, paths relative to this folder), found the way tsc finds them
// (options and syntax first, the types only when those are clean). Three children — the CLI and two tsc —
// each started node, loaded TypeScript and parsed the standard library's declarations; here once, and
// the standard library's files are parsed once for both programs.
// Prints one JSON line: { programs: [{ status, text, files }, …] } for the projects named in argv.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import ts from 'typescript';

const cwd = process.cwd();
const projects = process.argv.slice(2);

const ast = await openapiTS(pathToFileURL(join(cwd, 'openapi.json')), { silent: true });
writeFileSync(join(cwd, 'api.ts'), `${COMMENT_HEADER}${astToString(ast)}`, 'utf8');

/** The standard library's declaration files, parsed once for both programs (same target in both). */
const libFiles = new Map();
const isLib = (file) => file.includes('/node_modules/typescript/lib/lib.');
const formatHost = { getCurrentDirectory: () => cwd, getCanonicalFileName: (f) => f, getNewLine: () => '\n' };

/** What `tsc -p project` reports: exit status (0, or 2 with errors), the diagnostics' text, the program's files. */
function compile(project) {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(cwd, project, 'tsconfig.json'), {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.formatDiagnostic(d, formatHost)); },
  });
  const host = ts.createCompilerHost(parsed.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, fresh) => {
    if (!isLib(file)) return read(file, language, onError, fresh);
    const key = `${file}|${typeof language === 'object' ? language.languageVersion : language}`;
    if (!libFiles.has(key)) libFiles.set(key, read(file, language, onError, fresh));
    return libFiles.get(key);
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed) });
  // tsc's order (emitFilesAndReportErrors): the types are checked only when options and syntax are clean.
  const all = [...program.getConfigFileParsingDiagnostics()];
  const given = all.length;
  all.push(...program.getSyntacticDiagnostics());
  if (all.length === given) {
    all.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    if (all.length === given) all.push(...program.getSemanticDiagnostics());
  }
  const diagnostics = ts.sortAndDeduplicateDiagnostics(all);
  return { status: diagnostics.length ? 2 : 0, text: ts.formatDiagnostics(diagnostics, formatHost), files: program.getSourceFiles().map((f) => f.fileName) };
}

process.stdout.write(`${JSON.stringify({ programs: projects.map(compile) })}\n`);
