// Finds promises the code forgets (issue 17 moved storage behind an asynchronous store): a call whose
// value is a Promise used as a statement without `await`/`void`/`return`, tested for truth (`if`,
// `!`, `&&`, `||`, `?:`), compared with `===`/`!==`, or spread/iterated. TypeScript accepts all of
// them, and each is a bug: a write that may run after the answer, an error nobody hears, a check
// that always passes. Usage: `node --import tsx bin/check-promises.ts [folder…]` (default server cli);
// prints `file:line:col what` per finding and exits 1 when there is one.

import ts from 'typescript';
import { relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const folders = (process.argv.slice(2).length ? process.argv.slice(2) : ['server', 'cli']).map((f) => resolve(root, f) + '/');

const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();

function isPromise(node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  const isP = (t: ts.Type) => (t.getSymbol()?.getName() === 'Promise') || checker.typeToString(t).startsWith('Promise<');
  // A union (`Promise<T> | undefined`: a promise kept in a field, if any) is tested on purpose.
  return !type.isUnion() && isP(type);
}

const findings: string[] = [];
function report(node: ts.Node, what: string): void {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart());
  findings.push(`${relative(root, sf.fileName)}:${line + 1}:${character + 1} ${what}: ${node.getText().slice(0, 80).replace(/\s+/g, ' ')}`);
}

function visit(node: ts.Node): void {
  if (ts.isExpressionStatement(node)) {
    const e = node.expression;
    if (!ts.isVoidExpression(e) && !ts.isAwaitExpression(e) && (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) && isPromise(e)) {
      // `.then(…)`/`.catch(…)` chains that end in a handler are deliberate; a bare call is not.
      const called = ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : '';
      if (called !== 'then' && called !== 'catch' && called !== 'finally') report(e, 'floating promise');
    }
  }
  const conditionOf = (n: ts.Node): ts.Expression | undefined =>
    ts.isIfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n) ? n.expression
      : ts.isConditionalExpression(n) ? n.condition
        : ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken ? n.operand
          : undefined;
  const cond = conditionOf(node);
  if (cond && !ts.isAwaitExpression(cond) && isPromise(cond)) report(cond, 'promise tested for truth');
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    const logical = op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken;
    const equality = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (logical && !ts.isAwaitExpression(node.left) && isPromise(node.left)) report(node.left, 'promise tested for truth');
    // Two promises compared is identity on purpose (a lock's queue tail); a promise and a value is not.
    const mentionsPromise = (e: ts.Expression) => checker.typeToString(checker.getTypeAtLocation(e)).includes('Promise<');
    if (equality) {
      for (const [side, other] of [[node.left, node.right], [node.right, node.left]]) {
        if (!ts.isAwaitExpression(side) && isPromise(side) && !mentionsPromise(other)) report(side, 'promise compared');
      }
    }
  }
  if ((ts.isSpreadElement(node) || ts.isForOfStatement(node)) && isPromise(node.expression) && !(ts.isForOfStatement(node) && node.awaitModifier)) report(node.expression, 'promise iterated');
  ts.forEachChild(node, visit);
}

for (const sf of program.getSourceFiles()) {
  if (sf.isDeclarationFile || !folders.some((f) => sf.fileName.startsWith(f))) continue;
  visit(sf);
}
for (const f of findings) console.log(f);
process.exit(findings.length ? 1 : 0);
