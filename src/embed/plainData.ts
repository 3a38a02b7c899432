/**
 * Whether a host's message is plain data (objects, arrays, strings, numbers, booleans, null)
 * of bounded size, and if not, why and where ("a BigInt at state.eps"). JSON.stringify only
 * throws for BigInts and cycles and silently drops functions, so its failure cannot tell a
 * host's developer what is wrong; this walk can, and stops as soon as the size is exceeded.
 */

interface Walk {
  chars: number;
  readonly max: number;
  /** the objects on the path from the root: meeting one again is a cycle */
  readonly ancestors: Set<object>;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const step = IDENTIFIER.test(key) ? key : `[${JSON.stringify(key.slice(0, 40))}]`;
  return path && !step.startsWith('[') ? `${path}.${step}` : `${path}${step}`;
}

function isPlainRecord(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** "a Map object", "an object made by a class", for messages */
function describeObject(value: object): string {
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return tag === 'Object' ? 'an object made by a class' : `a ${tag} object`;
}

function sizeProblem(walk: Walk): string {
  return `a message must be under ${walk.max} characters of JSON`;
}

function problemAt(value: unknown, path: string, walk: Walk): string | null {
  const where = path ? ` at ${path}` : '';
  switch (typeof value) {
    case 'string':
      walk.chars += JSON.stringify(value).length;
      return null;
    case 'number':
      walk.chars += Number.isFinite(value) ? String(value).length : 4; // JSON writes null
      return null;
    case 'boolean':
      walk.chars += value ? 4 : 5;
      return null;
    case 'undefined':
      return null; // copied by postMessage, left out by JSON
    case 'bigint':
      return `a BigInt${where} is not allowed (send a number or a string)`;
    case 'symbol':
      return `a symbol${where} cannot be copied to another page`;
    case 'function':
      return `a function${where} cannot be copied to another page`;
  }
  if (value === null) {
    walk.chars += 4;
    return null;
  }
  const object = value as object;
  if (walk.ancestors.has(object))
    return `a cycle${where}: it refers back to an object that contains it`;
  const isArray = Array.isArray(object);
  if (!isArray && !isPlainRecord(object))
    return `${describeObject(object)}${where} is not plain data (only objects, arrays, strings, numbers, booleans and null)`;
  walk.ancestors.add(object);
  walk.chars += 2;
  // indices counted, not listed first: a huge (or sparse) array stops at the size limit
  const keys = isArray ? null : Object.keys(object);
  const count = keys ? keys.length : (object as unknown[]).length;
  for (let i = 0; i < count; i++) {
    const key: string | number = keys ? (keys[i] ?? '') : i;
    if (typeof key === 'string') walk.chars += JSON.stringify(key).length + 1;
    walk.chars += 1; // the comma
    const child = (object as Record<string | number, unknown>)[key];
    const problem = problemAt(child, childPath(path, key), walk);
    if (problem) return problem;
    if (walk.chars > walk.max) return sizeProblem(walk);
  }
  walk.ancestors.delete(object);
  return null;
}

/**
 * Why `value` is not plain data of at most `maxChars` characters of JSON, naming the place
 * below `path` ("state.eps"), or null when it is.
 */
export function plainDataProblem(value: unknown, maxChars: number, path = ''): string | null {
  const walk: Walk = { chars: 0, max: maxChars, ancestors: new Set() };
  return problemAt(value, path, walk) ?? (walk.chars > maxChars ? sizeProblem(walk) : null);
}
