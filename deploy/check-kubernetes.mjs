// Checks the Kubernetes manifests against the API schemas of the npm package kubernetes-models (deploy/check.sh
// installs it in a temporary folder): every document of every file given must be a known kind that validates.
// Usage: node check-kubernetes.mjs NODE_MODULES_DIR FILE...
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [modules, ...files] = process.argv.slice(2);
const load = (spec) => import(pathToFileURL(path.join(modules, spec)).href);
const { parseAllDocuments } = await load("yaml/dist/index.js");
let failed = 0, checked = 0;
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    const obj = doc.toJS();
    if (!obj) continue;
    const where = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    if (obj.apiVersion?.startsWith("kustomize.config.k8s.io/")) continue;
    const group = obj.apiVersion.includes("/") ? obj.apiVersion : `v1`;
    try {
      const models = await load(`kubernetes-models/${group}/index.js`);
      const Model = models[obj.kind];
      if (!Model) throw new Error(`unknown kind ${obj.kind} in ${obj.apiVersion}`);
      new Model(obj).validate();
      checked++;
      console.log(`ok      ${where}`);
    } catch (e) {
      failed++;
      console.log(`FAILED  ${where}: ${e.message}`);
    }
  }
}
console.log(`${checked} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
