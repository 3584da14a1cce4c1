#!/usr/bin/env node
// Contract test: breaking-change diff of the OpenAPI contract against a base
// git ref (the pull request's base branch, or the previous commit of main).
// Usage: node scripts/check-api-compat.mjs <base-ref> [contract=api/openapi.yaml]
// Exits 1 and lists the changes that break existing clients: removed paths,
// operations or success responses, new required parameters or request
// fields, tightened constraints, changed types, removed response fields.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function resolve(doc, node, seen = new Set()) {
  if (!node || typeof node !== 'object' || typeof node.$ref !== 'string') return node;
  if (seen.has(node.$ref) || !node.$ref.startsWith('#/')) return {};
  const target = node.$ref
    .slice(2)
    .split('/')
    .reduce((acc, key) => (acc ? acc[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
  return resolve(doc, target, new Set([...seen, node.$ref]));
}

const typeOf = schema => [schema?.type ?? []].flat().join('|') || undefined;

/** Schema changes that break a client sending (`request`) or reading (`response`) it. */
function compareSchema(ctx, where, baseRaw, headRaw, direction, depth = 0) {
  const base = resolve(ctx.base, baseRaw) ?? {};
  const head = resolve(ctx.head, headRaw) ?? {};
  if (depth > 20) return;
  if (typeOf(base) && typeOf(head) && typeOf(base) !== typeOf(head)) {
    ctx.problems.push(`${where}: type changed from ${typeOf(base)} to ${typeOf(head)}`);
    return;
  }
  if (direction === 'request') {
    for (const [key, tighter] of [['maxLength', (b, h) => h < b], ['maximum', (b, h) => h < b],
      ['maxItems', (b, h) => h < b], ['minLength', (b, h) => h > b], ['minimum', (b, h) => h > b],
      ['minItems', (b, h) => h > b]]) {
      const [b, h] = [base[key], head[key]];
      if (h !== undefined && (b === undefined ? key.startsWith('max') || h > 0 : tighter(b, h))) {
        ctx.problems.push(`${where}: ${key} tightened from ${b ?? 'none'} to ${h}`);
      }
    }
    if (Array.isArray(base.enum) || Array.isArray(head.enum)) {
      const removed = Array.isArray(head.enum) ? (base.enum ?? ['(any value)']).filter(v => !head.enum.includes(v)) : [];
      if (removed.length) ctx.problems.push(`${where}: accepted values removed: ${removed.join(', ')}`);
    }
    const required = new Set(base.required ?? []);
    for (const name of head.required ?? []) {
      if (!required.has(name)) ctx.problems.push(`${where}: new required property ${name}`);
    }
  } else {
    const headProps = head.properties ?? {};
    for (const name of Object.keys(base.properties ?? {})) {
      if (!(name in headProps)) ctx.problems.push(`${where}: property ${name} removed`);
    }
    const required = new Set(head.required ?? []);
    for (const name of base.required ?? []) {
      if (name in headProps && !required.has(name)) ctx.problems.push(`${where}: property ${name} no longer always present`);
    }
  }
  for (const [name, schema] of Object.entries(base.properties ?? {})) {
    if (head.properties?.[name]) {
      compareSchema(ctx, `${where}.${name}`, schema, head.properties[name], direction, depth + 1);
    }
  }
  if (base.items && head.items) compareSchema(ctx, `${where}[]`, base.items, head.items, direction, depth + 1);
}

function compareParameters(ctx, where, baseOp, headOp, basePath, headPath) {
  const params = (doc, list) =>
    new Map((list ?? []).map(p => resolve(doc, p)).filter(Boolean).map(p => [`${p.in}:${p.name}`, p]));
  const base = params(ctx.base, [...(basePath.parameters ?? []), ...(baseOp.parameters ?? [])]);
  const head = params(ctx.head, [...(headPath.parameters ?? []), ...(headOp.parameters ?? [])]);
  for (const [key, p] of head) {
    const before = base.get(key);
    if (!before && p.required) ctx.problems.push(`${where}: new required parameter ${key}`);
    if (before && p.required && !before.required) ctx.problems.push(`${where}: parameter ${key} became required`);
    if (before) compareSchema(ctx, `${where} parameter ${key}`, before.schema, p.schema, 'request');
  }
  for (const key of base.keys()) {
    if (!head.has(key) && key.startsWith('path:')) ctx.problems.push(`${where}: path parameter ${key} removed`);
  }
}

function compareOperation(ctx, where, baseOp, headOp, basePath, headPath) {
  compareParameters(ctx, where, baseOp, headOp, basePath, headPath);
  const baseBody = resolve(ctx.base, baseOp.requestBody);
  const headBody = resolve(ctx.head, headOp.requestBody);
  if (headBody?.required && !baseBody?.required) ctx.problems.push(`${where}: request body became required`);
  for (const [type, media] of Object.entries(headBody?.content ?? {})) {
    const before = baseBody?.content?.[type];
    if (before) compareSchema(ctx, `${where} request ${type}`, before.schema, media.schema, 'request');
  }
  const headResponses = headOp.responses ?? {};
  for (const [code, raw] of Object.entries(baseOp.responses ?? {})) {
    const after = headResponses[code];
    if (!after) {
      if (/^2/.test(code)) ctx.problems.push(`${where}: response ${code} removed`);
      continue;
    }
    const [b, h] = [resolve(ctx.base, raw), resolve(ctx.head, after)];
    for (const [type, media] of Object.entries(b?.content ?? {})) {
      const next = h?.content?.[type];
      if (!next) ctx.problems.push(`${where}: response ${code} no longer returns ${type}`);
      else compareSchema(ctx, `${where} response ${code}`, media.schema, next.schema, 'response');
    }
  }
}

/** Changes in `head` that break clients of `base` (parsed OpenAPI 3 documents). */
export function breakingChanges(base, head) {
  const ctx = { base, head, problems: [] };
  for (const [path, basePath] of Object.entries(base?.paths ?? {})) {
    const headPath = head?.paths?.[path];
    if (!headPath) {
      ctx.problems.push(`${path}: path removed`);
      continue;
    }
    for (const method of METHODS.filter(m => basePath[m])) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!headPath[method]) ctx.problems.push(`${where}: operation removed`);
      else compareOperation(ctx, where, basePath[method], headPath[method], basePath, headPath);
    }
  }
  return ctx.problems;
}

function git(args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function main([baseRef, contract = 'api/openapi.yaml']) {
  if (!baseRef) throw new Error('usage: check-api-compat.mjs <base-ref> [contract]');
  const head = parse(readFileSync(contract, 'utf8'));
  try {
    git(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`]);
  } catch {
    if (git(['rev-list', '--max-parents=0', 'HEAD']).trim() === git(['rev-parse', 'HEAD']).trim()) {
      process.stdout.write(`${baseRef} does not exist and HEAD is the first commit: no earlier contract\n`);
      return 0;
    }
    throw new Error(`base ref ${baseRef} does not exist (fetch it: actions/checkout with fetch-depth: 0)`);
  }
  let baseText;
  try {
    baseText = git(['show', `${baseRef}:${contract}`]);
  } catch {
    process.stdout.write(`${contract} is new (not in ${baseRef}): nothing to compare\n`);
    return 0;
  }
  const problems = breakingChanges(parse(baseText), head);
  if (problems.length) {
    process.stderr.write(`${contract}: ${problems.length} breaking change(s) against ${baseRef}:\n`);
    for (const p of problems) process.stderr.write(`  - ${p}\n`);
    process.stderr.write('Publish a new major API version (a new path prefix) instead of changing this one.\n');
    return 1;
  }
  process.stdout.write(`${contract}: no breaking change against ${baseRef}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  }
}
