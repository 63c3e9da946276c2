// Bundles the extension with esbuild: minified, as it ships, so that every test runs the code users get.
// `--dev` keeps it readable with source maps, for debugging.
//
// Bundles, so that activation loads only what the first paint needs:
//   dist/extension.js   the entry: views, model, wiring (no AWS SDK)
//   dist/aws.js         src/aws/index.ts: CloudFormation, Auto Scaling, EventBridge, credentials, discovery, installs; loaded by the first refresh
//   dist/awsDetails.js  src/aws/details/index.ts: ECS, EC2 and CloudWatch Logs; loaded when a rack is first expanded,
//                       inspected, its logs shown or diagnosed
//   dist/kubernetes.js  src/kubernetes/index.ts: the (ESM-only) Kubernetes client's configuration module made
//                       CommonJS, for local racks (kubeconfig, auth, TLS, proxies); loaded by the first refresh
//   dist/architecturePanel.js  the architecture panel with the scene and layout code; loaded when one first opens
//   dist/installUi.js   the install wizard, its progress and uninstall; loaded when one is first used
//   dist/updateUi.js    Update Rack, Set Rack Parameters, Scale Rack and trusted certificates; loaded when one is first used
//   dist/rackApi.js     src/rackApi/index.ts: the rack API client (HTTPS to a rack's Dashboard); loaded by its first call
// A dynamic `import()` of another bundle's entry stays a run-time `require` of that bundle's file.
//
// And the architecture webview's assets, the only files its page may load besides media/:
//   dist/webview/architecture.js     src/webview/architecture/main.ts, for the browser
//   dist/webview/codicons/           the codicon stylesheet and font from @vscode/codicons
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const development = process.argv.includes('--dev');

const bundles = [
  { entry: 'src/extension.ts', file: 'extension.js' },
  { entry: 'src/aws/index.ts', file: 'aws.js' },
  { entry: 'src/aws/details/index.ts', file: 'awsDetails.js' },
  { entry: 'src/kubernetes/index.ts', file: 'kubernetes.js' },
  { entry: 'src/views/architecture/architecturePanel.ts', file: 'architecturePanel.js' },
  { entry: 'src/views/install/installUi.ts', file: 'installUi.js' },
  { entry: 'src/views/update/updateUi.ts', file: 'updateUi.js' },
  { entry: 'src/rackApi/index.ts', file: 'rackApi.js' },
];
const fileOfEntry = new Map(bundles.map((bundle) => [path.resolve(bundle.entry), bundle.file]));

/** Resolves `import('./aws')` and the like to the other bundle's file, left for Node to load when first used. */
const otherBundles = {
  name: 'other-bundles',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData === otherBundles) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: otherBundles,
      });
      const file = fileOfEntry.get(resolved.path);
      return file ? { path: `./${file}`, external: true } : undefined;
    });
  },
};

/**
 * The Kubernetes client's configuration module imports its generated API client (models, 1 MB) and undici (0.7 MB)
 * only for `makeApiClient` and fetch agents, which the extension never calls: it lists namespaces with Node's https
 * and the options `applyToHTTPSOptions` gives. Both imports resolve to stand-ins that fail loudly if ever used.
 */
const kubernetesConfigurationOnly = {
  name: 'kubernetes-configuration-only',
  setup(build) {
    build.onResolve({ filter: /^(\.\/gen\/index\.js|undici)$/ }, (args) =>
      /@kubernetes[\\/]client-node[\\/]dist[\\/]config\.js$/.test(args.importer)
        ? { path: args.path, namespace: 'not-bundled' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'not-bundled' }, (args) => ({
      contents: `const missing = () => { throw new Error(${JSON.stringify(`${args.path} is not bundled with Convox Racks`)}); };
        export const createConfiguration = missing, ServerConfiguration = missing, Agent = missing, ProxyAgent = missing;`,
      loader: 'js',
    }));
  },
};

await Promise.all(
  bundles.map((bundle) =>
    esbuild.build({
      entryPoints: [bundle.entry],
      bundle: true,
      outfile: `dist/${bundle.file}`,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['vscode'],
      // Turns the dynamic imports into `require`, which VS Code's extension host serves like any module.
      supported: { 'dynamic-import': false },
      plugins: bundle.file === 'kubernetes.js' ? [otherBundles, kubernetesConfigurationOnly] : [otherBundles],
      minify: !development,
      sourcemap: development,
      logLevel: 'warning',
    }),
  ),
);

await esbuild.build({
  entryPoints: ['src/webview/architecture/main.ts'],
  bundle: true,
  outfile: 'dist/webview/architecture.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: !development,
  sourcemap: development,
  logLevel: 'warning',
});

const codicons = path.dirname(fileURLToPath(import.meta.resolve('@vscode/codicons/dist/codicon.css')));
fs.mkdirSync('dist/webview/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf'])
  fs.copyFileSync(path.join(codicons, file), path.join('dist/webview/codicons', file));
