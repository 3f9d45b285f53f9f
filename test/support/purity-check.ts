import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** One forbidden read of the clock, randomness or the environment, at a 1-based position. */
export interface PurityViolation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly pattern: string;
}

/** The folders whose code must be pure, relative to the repository root. */
export const pureSourceRoots = ['packages/core/src', 'packages/ledger/src', 'packages/backtest/src'] as const;

/**
 * Within this folder only the rules must be pure: every path containing /rules/, which covers the
 * exit rules (apps/webhook/src/exits/rules/) and the risk and preflight rules (apps/webhook/src/rules/).
 */
export const ruleSourceRoot = 'apps/webhook/src';

/** The only files allowed to read the wall clock or randomness: the production adapters in core. */
export const allowedImpureFiles: ReadonlySet<string> = new Set([
  'packages/core/src/system-clock.ts',
  'packages/core/src/system-random.ts',
]);

// object.member reads that are forbidden wherever they appear, called or merely referenced.
const forbiddenMembers: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Date', new Set(['now'])],
  ['Math', new Set(['random'])],
  ['performance', new Set(['now'])],
  ['process', new Set(['hrtime', 'env'])],
  // decimal.js can make random numbers too (from Math.random or crypto).
  ['Decimal', new Set(['random'])],
]);

// node:crypto and Web Crypto randomness, whatever object or import alias it is reached through.
const randomFunctions: ReadonlySet<string> = new Set([
  'randomUUID',
  'getRandomValues',
  'randomBytes',
  'randomInt',
  'randomFill',
  'randomFillSync',
]);

/** Every forbidden pattern in one file's source text; `file` is only used in the report. */
export function findPurityViolations(file: string, sourceText: string): PurityViolation[] {
  const source = ts.createSourceFile(file, sourceText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const violations: PurityViolation[] = [];
  const report = (node: ts.Node, pattern: string): void => {
    const position = source.getLineAndCharacterOfPosition(node.getStart(source));
    violations.push({ file, line: position.line + 1, column: position.character + 1, pattern });
  };
  const visit = (node: ts.Node): void => {
    const pattern = forbiddenPattern(node);
    if (pattern !== undefined) report(node, pattern);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return violations;
}

function forbiddenPattern(node: ts.Node): string | undefined {
  if (
    ts.isNewExpression(node) &&
    lastName(node.expression) === 'Date' &&
    (node.arguments?.length ?? 0) === 0
  ) {
    return 'new Date()';
  }
  if (ts.isCallExpression(node)) {
    const callee = lastName(node.expression);
    if (callee === 'Date') return 'Date()';
    if (ts.isIdentifier(node.expression) && callee !== undefined && randomFunctions.has(callee)) {
      return `${callee}()`;
    }
  }
  if (ts.isImportSpecifier(node) && randomFunctions.has((node.propertyName ?? node.name).text)) {
    return `import ${(node.propertyName ?? node.name).text}`;
  }
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const member = memberName(node);
    const owner = lastName(node.expression);
    if (member === undefined) return undefined;
    if (owner !== undefined && forbiddenMembers.get(owner)?.has(member)) return `${owner}.${member}`;
    if (randomFunctions.has(member)) return `${owner ?? '(expression)'}.${member}`;
  }
  return undefined;
}

// The right-most name of an expression: `Date` for Date and for globalThis.Date.
function lastName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  if (ts.isParenthesizedExpression(expression)) return lastName(expression.expression);
  return undefined;
}

function memberName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
}

/** The repository-relative paths (with /) of every file the purity rule covers, allowed ones included. */
export function listPureSourceFiles(repositoryRoot: string): string[] {
  const pureFiles = pureSourceRoots.flatMap((root) => listTypeScriptFiles(repositoryRoot, root));
  const ruleFiles = listTypeScriptFiles(repositoryRoot, ruleSourceRoot).filter((file) =>
    file.includes('/rules/'),
  );
  return [...pureFiles, ...ruleFiles].sort();
}

/** Scans every covered file except the allowed ones. */
export function scanPureSources(repositoryRoot: string): PurityViolation[] {
  return listPureSourceFiles(repositoryRoot)
    .filter((file) => !allowedImpureFiles.has(file))
    .flatMap((file) => findPurityViolations(file, readFileSync(join(repositoryRoot, file), 'utf8')));
}

/** `file:line:column pattern`, the form editors and CI logs link to. */
export function formatViolation(violation: PurityViolation): string {
  return `${violation.file}:${violation.line}:${violation.column} ${violation.pattern}`;
}

function listTypeScriptFiles(repositoryRoot: string, folder: string): string[] {
  const absolute = join(repositoryRoot, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?ts$/.test(entry.name))
    .map((entry) => relative(repositoryRoot, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !file.includes('/node_modules/'));
}
