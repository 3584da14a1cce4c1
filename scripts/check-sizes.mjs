// Lists every source file over 400 lines and every function, method or arrow
// function over 80 lines, and exits 1 if there is any.
//
//   node scripts/check-sizes.mjs [--max-file-lines N] [--max-function-lines N]
//                                [--include-describe] [paths...]
//
// Scanned by default: plugins/*/src, packages/*/src, e2e, bench and scripts
// (.ts, .tsx, .mts, .cts, .mjs, .cjs and .js files), skipping node_modules, dist,
// dist-types, coverage and generated files. A file is generated when it sits
// in a folder named `generated` or when its first five lines contain the
// marker `@generated`.
//
// The callback passed to a test's `describe(...)` only groups test cases, so
// it is not measured as a function (its `it` callbacks and helpers are);
// nor is a top-level alias such as `const maybe = ok ? describe : describe.skip`.
// `--include-describe` measures it too.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const ts = require('typescript');

const SOURCE_EXTENSIONS = [
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.mjs',
  '.cjs',
  '.js',
];
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  'dist',
  'dist-types',
  'coverage',
  'generated',
]);

function parseArgs(argv) {
  const options = {
    maxFileLines: 400,
    maxFunctionLines: 80,
    includeDescribe: false,
    paths: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--max-file-lines') options.maxFileLines = Number(argv[++i]);
    else if (arg === '--max-function-lines')
      options.maxFunctionLines = Number(argv[++i]);
    else if (arg === '--include-describe') options.includeDescribe = true;
    else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}`);
    else options.paths.push(arg);
  }
  for (const key of ['maxFileLines', 'maxFunctionLines']) {
    if (!Number.isInteger(options[key]) || options[key] < 1) {
      throw new Error(`${key} must be a positive integer`);
    }
  }
  return options;
}

function defaultRoots() {
  const roots = [];
  for (const group of ['plugins', 'packages']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const src = join(dir, name, 'src');
      if (existsSync(src)) roots.push(src);
    }
  }
  for (const name of ['e2e', 'bench', 'scripts']) {
    const dir = join(root, name);
    if (existsSync(dir)) roots.push(dir);
  }
  return roots;
}

function listFiles(path, out = []) {
  const stat = statSync(path);
  if (stat.isFile()) {
    if (SOURCE_EXTENSIONS.some(ext => path.endsWith(ext))) out.push(path);
    return out;
  }
  for (const name of readdirSync(path).sort()) {
    if (SKIPPED_FOLDERS.has(name) || name.startsWith('.')) continue;
    listFiles(join(path, name), out);
  }
  return out;
}

function isGenerated(text) {
  return text.split('\n', 5).some(line => line.includes('@generated'));
}

function countLines(text) {
  if (text.length === 0) return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function scriptKind(file) {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[mc]?ts$/.test(file)) return ts.ScriptKind.TS;
  return ts.ScriptKind.JSX; // plain JS may hold JSX in this repo's tooling
}

function isFunctionLike(node) {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** `describe(...)`, `describe.each(...)(...)`, `describe.skip(...)` and so on. */
function isDescribeCallback(node) {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node)) {
    return false;
  }
  let callee = call.expression;
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) {
    callee = callee.expression;
  }
  return ts.isIdentifier(callee) && describeAliases(call).has(callee.text);
}

const aliasCache = new WeakMap();

/**
 * `describe` plus the file's top-level constants that only pick a describe
 * variant, such as `const maybe = enabled ? describe : describe.skip`.
 */
function describeAliases(node) {
  const source = node.getSourceFile();
  let aliases = aliasCache.get(source);
  if (aliases) return aliases;
  aliases = new Set(['describe', 'fdescribe', 'xdescribe']);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      const init = decl.initializer?.getText(source) ?? '';
      const parts = init.split(/[\s?:]+/).filter(Boolean);
      const picksDescribe =
        parts.some(p => /^describe(\.(skip|only))?$/.test(p)) &&
        parts.every(p => /^(describe(\.(skip|only))?|[\w.!()]+)$/.test(p)) &&
        init.includes('?');
      if (ts.isIdentifier(decl.name) && picksDescribe) {
        aliases.add(decl.name.text);
      }
    }
  }
  aliasCache.set(source, aliases);
  return aliases;
}

function functionName(node, source) {
  if (node.name) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) {
    return parent.name.getText(source);
  }
  if (
    parent &&
    (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
  ) {
    return parent.name.getText(source);
  }
  if (parent && ts.isCallExpression(parent)) {
    const callee = parent.expression.getText(source).slice(0, 40);
    return `<callback of ${callee}>`;
  }
  return '<anonymous>';
}

function measureFunctions(file, text, options) {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    scriptKind(file),
  );
  const found = [];
  const visit = node => {
    if (isFunctionLike(node) && node.body) {
      const skip = !options.includeDescribe && isDescribeCallback(node);
      const start = source.getLineAndCharacterOfPosition(node.getStart(source));
      const end = source.getLineAndCharacterOfPosition(node.getEnd());
      const lines = end.line - start.line + 1;
      if (!skip && lines > options.maxFunctionLines) {
        found.push({
          line: start.line + 1,
          lines,
          name: functionName(node, source),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function checkSizes(options) {
  const roots = options.paths.length
    ? options.paths.map(p => join(root, p))
    : defaultRoots();
  const files = [];
  const functions = [];
  for (const file of roots.flatMap(r => listFiles(r))) {
    const text = readFileSync(file, 'utf8');
    if (isGenerated(text)) continue;
    const rel = relative(root, file).split(sep).join('/');
    const lines = countLines(text);
    if (lines > options.maxFileLines) files.push({ file: rel, lines });
    for (const fn of measureFunctions(file, text, options)) {
      functions.push({ file: rel, ...fn });
    }
  }
  return { files, functions };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const { files, functions } = checkSizes(options);
  for (const { file, lines } of files) {
    process.stdout.write(
      `${file}: ${lines} lines (max ${options.maxFileLines})\n`,
    );
  }
  for (const { file, line, lines, name } of functions) {
    process.stdout.write(
      `${file}:${line}: function ${name} is ${lines} lines (max ${options.maxFunctionLines})\n`,
    );
  }
  const total = files.length + functions.length;
  if (total > 0) {
    process.stdout.write(
      `${files.length} file(s) and ${functions.length} function(s) over the limits\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write('All files and functions are within the limits\n');
  }
}

main();
