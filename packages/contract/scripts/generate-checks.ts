/**
 * Compiles the contract's zod/mini schemas into `src/checks/<module>.ts` (one per module of schemas, so a bundler
 * puts a widget's checks in that widget's chunk) and their index `src/checks.ts`: one validator per exported
 * schema, built from the small combinators of `src/check.ts`, so browser code validates responses without
 * shipping zod (about 9 KB min+gzip of the poll's 15 KB budget, issue 3).
 *
 *   node --import tsx packages/contract/scripts/generate-checks.ts          # writes src/checks.ts, src/checks/
 *   node --import tsx packages/contract/scripts/generate-checks.ts --check  # exits 1 when it is out of date
 *
 * Only what can be compiled exactly is: a schema that uses anything else (a transform such as `trim`, a
 * refinement, a plain union, a strict object …) gets no check and is listed in the file's header with the
 * reason — request schemas, which the browser only sends. `test/checks.test.ts` compares every check with zod
 * on generated and mutated values, and the up-to-date test fails when the schemas change without this run.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as contract from '../src/index.ts';
import { nestedItemSchema } from '../src/rich-text.ts';

/** zod's internals as far as this compiler (and the test's value generator) reads them. */
export interface Def {
  type: string;
  format?: string;
  checks?: { _zod: { def: CheckDef } }[];
  pattern?: RegExp;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  discriminator?: string;
  entries?: Record<string, unknown>;
  values?: unknown[];
  defaultValue?: unknown;
  keyType?: Schema;
  valueType?: Schema;
}
export interface CheckDef {
  check: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  pattern?: RegExp;
}
export interface Schema {
  _zod: { def: Def };
}

class Unsupported extends Error {}

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && '_zod' in value && typeof (value as Schema)._zod?.def === 'object';

/** Where the files of {@link generateChecks} go (the contract's sources). */
export const OUTPUT_DIR = resolve(import.meta.dirname, '../src');

/** The contract's modules, in the order its index re-exports them, and the module each export comes from. */
const MODULES = [
  ...readFileSync(resolve(OUTPUT_DIR, 'index.ts'), 'utf8').matchAll(/^export \* from '\.\/([\w-]+)\.ts';$/gm),
].map((match) => match[1]!);
const moduleOf = new Map<string, string>();
for (const module of MODULES) {
  for (const name of Object.keys(await import(resolve(OUTPUT_DIR, `${module}.ts`)))) {
    if (!moduleOf.has(name)) moduleOf.set(name, module);
  }
}

/** Every generated file (path under `src/`) with its text. */
export function generateChecks(): Map<string, string> {
  /** Exported schema → its export name (references to it compile to that name), and back. */
  const names = new Map<Schema, string>();
  const schemas = new Map<string, Schema>();
  for (const [name, value] of Object.entries(contract)) {
    if (!isSchema(value)) continue;
    // A second name for one schema would get no check of its own: refuse it rather than leave it out.
    if (names.has(value)) throw new Error(`${name} is the schema ${names.get(value)} again: export it once`);
    names.set(value, name);
    schemas.set(name, value);
  }

  const compiled = new Map<string, string>(); // name → expression
  const skipped = new Map<string, string>(); // name → reason
  const order: string[] = [];
  const visiting = new Set<string>();
  const stack: string[] = []; // the exports being compiled, innermost last
  const usesOf = new Map<string, Set<string>>(); // export → combinators and other exports its expression names
  const uses = (what: string) => usesOf.get(stack[stack.length - 1]!)!.add(what);

  const pure = (call: string) => `/* @__PURE__ */ ${call}`;

  /** Compiles an export (its dependencies first); throws Unsupported when it, or what it uses, cannot be. */
  function emit(name: string): void {
    if (compiled.has(name)) return;
    const reason = skipped.get(name);
    if (reason !== undefined) throw new Unsupported(`${name}: ${reason}`);
    if (visiting.has(name)) return; // a cycle: referenced lazily, emitted by the outer call
    visiting.add(name);
    stack.push(name);
    usesOf.set(name, new Set());
    try {
      const expression = compile(schemas.get(name)!, true);
      compiled.set(name, expression);
      order.push(name);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      skipped.set(name, error.message);
      throw error;
    } finally {
      visiting.delete(name);
      stack.pop();
    }
  }

  /** A reference to another export, compiled first. */
  function reference(schema: Schema, lazy: boolean): string {
    const name = names.get(schema)!;
    if (lazy || visiting.has(name)) {
      // Recursive: resolved when a value is checked, after the module has run.
      if (!compiled.has(name) && !visiting.has(name)) emit(name);
      uses('later');
      uses(name);
      return pure(`later(() => ${name})`);
    }
    emit(name);
    uses(name);
    return name;
  }

  function call(fn: string, args: string[]): string {
    uses(fn);
    while (args.length && args[args.length - 1] === 'undefined') args.pop();
    return pure(`${fn}(${args.join(', ')})`);
  }

  function lengths(def: Def): { min: number; max: number; pattern?: RegExp } {
    let min = 0;
    let max = Infinity;
    let pattern: RegExp | undefined;
    for (const check of def.checks ?? []) {
      const c = check._zod.def;
      if (c.check === 'min_length') min = Math.max(min, c.minimum!);
      else if (c.check === 'max_length') max = Math.min(max, c.maximum!);
      else if (c.check === 'string_format' && c.format === 'regex' && !pattern) pattern = c.pattern;
      else if (c.check === 'overwrite') throw new Unsupported('transforms its input (trim)');
      else throw new Unsupported(`check "${c.check}${c.format ? `:${c.format}` : ''}"`);
    }
    return { min, max, pattern };
  }

  const literal = (value: unknown) => {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return JSON.stringify(value);
    throw new Unsupported(`literal ${String(value)}`);
  };
  const bound = (n: number) => (Number.isFinite(n) ? String(n) : 'undefined');

  function compile(schema: Schema, root = false, lazy = false): string {
    if (!root && names.has(schema)) return reference(schema, lazy);
    const def = schema._zod.def;
    switch (def.type) {
      case 'string': {
        const { min, max, pattern: checked } = lengths(def);
        if (def.format && def.format !== 'datetime') throw new Unsupported(`string format "${def.format}"`);
        if (def.format && checked) throw new Unsupported('a pattern on a formatted string');
        const pattern = def.format ? def.pattern : checked;
        return call('str', [min ? String(min) : 'undefined', bound(max), pattern ? pattern.toString() : 'undefined']);
      }
      case 'number': {
        if (def.format !== 'safeint') throw new Unsupported('a number that is not z.int()');
        let min = -Infinity;
        let max = Infinity;
        for (const check of def.checks ?? []) {
          const c = check._zod.def;
          if (c.check === 'greater_than')
            min = Math.max(min, c.inclusive ? Math.ceil(c.value!) : Math.floor(c.value!) + 1);
          else if (c.check === 'less_than')
            max = Math.min(max, c.inclusive ? Math.floor(c.value!) : Math.ceil(c.value!) - 1);
          else throw new Unsupported(`number check "${c.check}"`);
        }
        return call('int', [bound(min), bound(max)]);
      }
      case 'boolean':
        if (def.checks?.length) throw new Unsupported('checks on a boolean');
        uses('bool');
        return 'bool';
      case 'literal':
        return call('oneOf', def.values!.map(literal));
      case 'enum':
        return call('oneOf', Object.values(def.entries!).map(literal));
      case 'nullable':
        return call('nullable', [compile(def.innerType!, false, lazy)]);
      case 'optional':
        return call('optional', [compile(def.innerType!, false, lazy)]);
      case 'default':
        return call('withDefault', [compile(def.innerType!, false, lazy), JSON.stringify(def.defaultValue)]);
      case 'array': {
        const { min, max, pattern } = lengths(def);
        if (pattern) throw new Unsupported('a pattern on an array');
        return call('array', [compile(def.element!, false, lazy), min ? String(min) : 'undefined', bound(max)]);
      }
      case 'record': {
        const key = def.keyType!._zod.def;
        if (key.type !== 'string' || key.checks?.length || key.format)
          throw new Unsupported('a record key other than string');
        return call('record', [compile(def.valueType!, false, lazy)]);
      }
      case 'object': {
        if (def.catchall !== undefined) throw new Unsupported('a strict or loose object');
        if (def.checks?.length) throw new Unsupported('checks on an object');
        const fields = Object.entries(def.shape!).map(
          ([key, value]) =>
            `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${compile(value, false, lazy)}`,
        );
        return call('object', [`{ ${fields.join(', ')} }`]);
      }
      case 'union': {
        const key = def.discriminator;
        if (!key) throw new Unsupported('a union without a discriminator');
        const options = def.options!.map((option) => {
          const tag = option._zod.def.shape?.[key]?._zod.def;
          if (
            option._zod.def.type !== 'object' ||
            tag?.type !== 'literal' ||
            !tag.values!.every((v) => typeof v === 'string')
          )
            throw new Unsupported('a discriminated union option without a string literal tag');
          const check = compile(option, false, lazy);
          return tag.values!.map((value) => `${JSON.stringify(value)}: ${check}`);
        });
        return call('union', [JSON.stringify(key), `{ ${options.flat().join(', ')} }`]);
      }
      case 'custom': {
        const item = nestedItemSchema(schema as never) as Schema | undefined;
        if (!item || !names.has(item)) throw new Unsupported('a refinement');
        return call('unchanged', [call('array', [compile(item, false, true)])]);
      }
      default:
        throw new Unsupported(`schema type "${def.type}"`);
    }
  }

  for (const name of names.values()) {
    try {
      emit(name);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
    }
  }

  const header = [
    '// Generated by packages/contract/scripts/generate-checks.ts from the zod/mini schemas — do not edit.',
    '// Regenerate: node --import tsx packages/contract/scripts/generate-checks.ts',
  ];
  const files = new Map<string, string>();
  // One module of checks per module of schemas, so a bundler puts each widget's checks in that widget's chunk.
  for (const module of MODULES) {
    const names = order.filter((name) => moduleOf.get(name) === module);
    if (!names.length) continue;
    const needs = new Set(names.flatMap((name) => [...usesOf.get(name)!]));
    const combinators = [...needs].filter((what) => !compiled.has(what)).sort();
    const imports = new Map<string, string[]>();
    for (const what of [...needs].filter((what) => compiled.has(what) && moduleOf.get(what) !== module).sort()) {
      imports.set(moduleOf.get(what)!, [...(imports.get(moduleOf.get(what)!) ?? []), what]);
    }
    const lines = [
      ...header,
      "import type * as z from 'zod/mini';",
      "import type * as C from '../index.ts';",
      `import { ${[...combinators, 'type Check'].join(', ')} } from '../check.ts';`,
      ...[...imports].map(([from, what]) => `import { ${what.join(', ')} } from './${from}.ts';`),
      '',
      // Each check also names its type, so `import { Poll }` gives both, as it does from the contract.
      ...names.flatMap((name) => [
        `export type ${name} = z.infer<typeof C.${name}>;`,
        `export const ${name}: Check<${name}> = ${compiled.get(name)};`,
      ]),
      '',
    ];
    files.set(`checks/${module}.ts`, lines.join('\n'));
  }
  const index = [
    ...header,
    '//',
    '// Schemas without a check (the browser only sends these, or only the server reads them):',
    ...[...skipped]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, reason]) => `//   ${name}: ${reason.replace(/^\w+: /, '')}`),
    "export { CheckError, safeCheck, type Check } from './check.ts';",
    ...[...files.keys()].map((file) => `export * from './${file}';`),
    '',
  ];
  files.set('checks.ts', index.join('\n'));
  return files;
}

/** Generated files whose text differs from what is on disk (or is missing), and stray files in `src/checks/`. */
export function outOfDate(files = generateChecks()): { stale: string[]; extra: string[] } {
  const stale = [...files]
    .filter(
      ([file, text]) =>
        !existsSync(resolve(OUTPUT_DIR, file)) || readFileSync(resolve(OUTPUT_DIR, file), 'utf8') !== text,
    )
    .map(([file]) => file);
  const dir = resolve(OUTPUT_DIR, 'checks');
  const extra = existsSync(dir) ? readdirSync(dir).filter((file) => !files.has(`checks/${file}`)) : [];
  return { stale, extra };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const files = generateChecks();
  const { stale, extra } = outOfDate(files);
  if (process.argv.includes('--check')) {
    if (stale.length || extra.length) {
      console.error(
        'packages/contract/src/checks* is out of date: run node --import tsx packages/contract/scripts/generate-checks.ts',
      );
      process.exitCode = 1;
    }
  } else {
    mkdirSync(resolve(OUTPUT_DIR, 'checks'), { recursive: true });
    for (const file of extra) rmSync(resolve(OUTPUT_DIR, 'checks', file));
    for (const file of stale) writeFileSync(resolve(OUTPUT_DIR, file), files.get(file)!);
    console.log(`wrote ${stale.length} of ${files.size} files under ${OUTPUT_DIR}`);
  }
}
