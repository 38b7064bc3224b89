// A @web/test-runner plugin that serves React to the browser tests of packages/react. React and ReactDOM
// ship CommonJS only, which a page cannot import: esbuild bundles them once into ES modules (development
// build, one shared React instance across `react`, `react-dom/client` and the JSX runtimes), and imports
// of those specifiers resolve to them.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const SPECIFIERS = ['react', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client'];
const PREFIX = '/__plaza-react/';
const fileOf = (specifier) => `${specifier.replaceAll('/', '__')}.js`;
const isIdentifier = (name) => /^[A-Za-z_$][\w$]*$/.test(name);

/**
 * @param {{ resolveFrom: string }} options the directory whose `node_modules` holds react and react-dom
 *   (the package that depends on them).
 */
export function reactPlugin({ resolveFrom }) {
  /** @type {Promise<Map<string, string>> | undefined} */
  let files;

  async function bundle() {
    // CommonJS has no static export names: list them from the modules themselves, so named imports work. In a
    // child process: React touches `console` when loaded, which the test runner has replaced in its own.
    const keys = JSON.parse(
      execFileSync(
        process.execPath,
        ['-e', `console.log(JSON.stringify(${JSON.stringify(SPECIFIERS)}.map((s) => Object.keys(require(s)))))`],
        { cwd: resolveFrom, encoding: 'utf8' },
      ),
    );
    const entries = SPECIFIERS.map((specifier, index) => {
      const names = keys[index].filter((name) => isIdentifier(name) && name !== 'default');
      return {
        specifier,
        contents: `import m from '${specifier}';\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
      };
    });
    const result = await build({
      entryPoints: entries.map(({ specifier }) => ({
        in: `plaza-react-entry:${specifier}`,
        out: fileOf(specifier).slice(0, -'.js'.length),
      })),
      plugins: [
        {
          name: 'entries',
          setup(pluginBuild) {
            pluginBuild.onResolve({ filter: /^plaza-react-entry:/ }, (args) => ({
              path: args.path.slice('plaza-react-entry:'.length),
              namespace: 'plaza-react-entry',
            }));
            pluginBuild.onLoad({ filter: /.*/, namespace: 'plaza-react-entry' }, (args) => ({
              contents: entries.find((entry) => entry.specifier === args.path).contents,
              resolveDir: resolveFrom,
              loader: 'js',
            }));
          },
        },
      ],
      bundle: true,
      splitting: true,
      format: 'esm',
      write: false,
      outdir: '/out',
      chunkNames: 'chunk-[hash]',
      define: { 'process.env.NODE_ENV': '"development"' },
      logLevel: 'silent',
    });
    return new Map(result.outputFiles.map((file) => [file.path.slice('/out/'.length), file.text]));
  }

  return {
    name: 'plaza-react',
    resolveImport({ source }) {
      if (SPECIFIERS.includes(source)) return `${PREFIX}${fileOf(source)}`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      files ??= bundle();
      const body = (await files).get(context.path.slice(PREFIX.length));
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
