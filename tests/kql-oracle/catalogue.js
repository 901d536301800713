#!/usr/bin/env node
// The analyzer's own list of functions, aggregates and plug-ins, one JSON object per line:
//   {"name", "kind": "function"|"aggregate"|"plugin", "min", "max"}   (argument counts)
// tests/catalogue.rs checks kqlhunt's language catalogue (src/kql/catalogue/) against it.
require("@kusto/language-service-next/bridge.min.js");
require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
const K = global.Kusto.Language;
const globals = K.GlobalState.Default;
function dump(list, kind) {
  for (const f of Bridge.toArray(list)) {
    const signatures = Bridge.toArray(f.Signatures);
    const min = Math.min(...signatures.map(s => s.MinArgumentCount));
    const max = Math.max(...signatures.map(s => s.MaxArgumentCount));
    process.stdout.write(JSON.stringify({ name: f.Name, kind, min, max }) + "\n");
  }
}
dump(globals.Functions, "function");
dump(globals.Aggregates, "aggregate");
dump(globals.PlugIns, "plugin");
