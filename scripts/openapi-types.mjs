/*
 * A small JSON Schema -> TypeScript converter for the subset the Gatekeeper
 * specs use (type, properties, required, additionalProperties, items, enum,
 * $ref, allOf, type arrays). Used by scripts/generate-openapi.mjs to write
 * the types of `components/schemas` into the `*-common` packages; offline.
 */

const IGNORED = new Set([
  'description',
  'example',
  'examples',
  'format',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
  'default',
]);

const refName = ref => {
  const match = /^#\/components\/schemas\/([A-Za-z0-9_]+)$/.exec(ref);
  if (!match) throw new Error(`unsupported $ref ${ref}`);
  return match[1];
};

const key = name =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);

/** A TSDoc comment of the schema's description (escaped), and `tags` as they are. */
function doc(schema, pad, tags = []) {
  const text = String(schema?.description ?? '')
    .trim()
    .replace(/\*\//g, '*\\/')
    .replace(/([{}<>@\\])/g, '\\$1');
  const lines = [...(text ? text.split('\n') : []), ...tags];
  if (!lines.length) return '';
  return `${pad}/**\n${lines
    .map(l => `${pad} * ${l}`.trimEnd())
    .join('\n')}\n${pad} */\n`;
}

function objectType(schema, pad) {
  const required = new Set(schema.required ?? []);
  const inner = `${pad}  `;
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, prop]) =>
      `${doc(prop, inner)}${inner}${key(name)}${
        required.has(name) ? '' : '?'
      }: ${tsType(prop, inner)};`,
  );
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== false) {
    const value = extra === true ? 'unknown' : tsType(extra, inner);
    if (!lines.length) return `Record<string, ${value}>`;
    lines.push(`${inner}[key: string]: ${value};`);
  }
  return lines.length ? `{\n${lines.join('\n')}\n${pad}}` : '{}';
}

/** The TypeScript type of `schema`, indented at `pad`. */
export function tsType(schema, pad = '') {
  if (schema === true || schema === undefined) return 'unknown';
  if (Object.keys(schema).every(k => IGNORED.has(k))) return 'unknown';
  if (schema.$ref) return refName(schema.$ref);
  if (schema.allOf) return schema.allOf.map(s => tsType(s, pad)).join(' & ');
  if (schema.anyOf || schema.oneOf) {
    return (schema.anyOf ?? schema.oneOf).map(s => tsType(s, pad)).join(' | ');
  }
  if (schema.enum) return schema.enum.map(v => JSON.stringify(v)).join(' | ');
  if (Array.isArray(schema.type)) {
    return schema.type
      .map(t => tsType({ ...schema, type: t }, pad))
      .join(' | ');
  }
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${tsType(schema.items, pad)}>`;
    case 'object':
      return objectType(schema, pad);
    default:
      throw new Error(`unsupported schema ${JSON.stringify(schema)}`);
  }
}

/** A module declaring every `components/schemas` entry of `spec`, each `@public`. */
export function schemaTypesModule(spec, { prefix = '' } = {}) {
  const schemas = spec.components?.schemas ?? {};
  const prefixed = JSON.parse(
    JSON.stringify(schemas).replace(
      /"#\/components\/schemas\/([A-Za-z0-9_]+)"/g,
      (_, name) => `"#/components/schemas/${prefix}${name}"`,
    ),
  );
  const decls = Object.entries(prefixed).map(([name, schema]) => {
    const tag = doc(schema, '', [
      ...(schema.description ? [''] : []),
      `Generated from \`components/schemas/${name}\`.`,
      '',
      '@public',
    ]);
    const type = tsType(schema);
    return type.startsWith('{')
      ? `${tag}export interface ${prefix}${name} ${type}`
      : `${tag}export type ${prefix}${name} = ${type};`;
  });
  return decls.join('\n\n');
}
