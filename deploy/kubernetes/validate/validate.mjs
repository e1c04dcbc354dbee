// Validates every object of the given multi-document YAML files against its kind's schema, offline: the Kubernetes
// API (kubernetes-models) and the CRDs of Strimzi, CloudNativePG, KEDA and the Prometheus Operator
// (@kubernetes-models/*): types, enums, formats and required fields. An object whose apiVersion/kind none of them
// knows is an error too, so nothing passes unchecked. Prints one line per problem and a summary; exits 1 on any.
//   node validate.mjs FILE...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// Where each API group's models live; the core group ("v1") has no group part.
const PACKAGES = {
  "": "kubernetes-models",
  "apps": "kubernetes-models", "policy": "kubernetes-models", "networking.k8s.io": "kubernetes-models",
  "batch": "kubernetes-models", "autoscaling": "kubernetes-models", "rbac.authorization.k8s.io": "kubernetes-models",
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const pkg = PACKAGES[group];
  if (!pkg || !/^[a-z0-9]+$/.test(version)) {
    return null;
  }
  try {
    const module = await import(group === "" ? `${pkg}/${version}` : `${pkg}/${group}/${version}`);
    return module[kind] ?? null;
  } catch {
    return null;
  }
}

let objects = 0;
const problems = [];
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      problems.push(`${file}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) {
      continue;
    }
    objects++;
    const name = `${file}: ${object.kind}/${object.metadata?.name ?? "(no name)"}`;
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
      problems.push(`${name}: apiVersion and kind are required`);
      continue;
    }
    const Model = await modelOf(object.apiVersion, object.kind);
    if (Model === null) {
      problems.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    if (!object.metadata?.name) {
      problems.push(`${name}: metadata.name is required`);
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${name} (${object.apiVersion}): ${error.message}`);
    }
  }
}
problems.forEach((problem) => console.log(problem));
console.log(`validated ${objects} objects, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
