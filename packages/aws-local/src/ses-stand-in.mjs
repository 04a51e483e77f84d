// aws-ses-v2-local run as a library, so its inbox (held in memory by the package)
// survives restarts: each message is appended to a JSON-lines file, read back on start,
// and emptied with the inbox (POST /clear-store). Without a file the inbox stays in memory.
// Plain JavaScript: it starts with bare node, without a TypeScript loader.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const store = require("aws-ses-v2-local/dist/store.js");
const startServer = require("aws-ses-v2-local").default;

const [port, inboxFile] = process.argv.slice(2);

if (inboxFile) {
  if (existsSync(inboxFile)) {
    const kept = readFileSync(inboxFile, "utf8").split("\n").filter(Boolean);
    store.getStoreReadonly().emails.push(...kept.map((line) => JSON.parse(line)));
  }
  const { saveEmail, clearStore } = store;
  // The package's handlers call these through its exports object, so these wrappers see every message.
  store.saveEmail = (email) => {
    appendFileSync(inboxFile, `${JSON.stringify(email)}\n`, { mode: 0o600 });
    saveEmail(email);
  };
  store.clearStore = () => {
    writeFileSync(inboxFile, "", { mode: 0o600 });
    clearStore();
  };
}

await startServer({ host: "127.0.0.1", port: Number(port) });
// What the parent waits for (listeningLine in process.ts): this process, not whatever else answers on the port, is serving.
console.log(`listening on http://127.0.0.1:${port}`);
