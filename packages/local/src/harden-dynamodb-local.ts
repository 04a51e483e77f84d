/**
 * DynamoDB Local ships log4j-core 2.8, which is open to Log4Shell (CVE-2021-44228).
 * Removing the JNDI lookup class is the published mitigation; this runs after every install.
 */
import AdmZip from "adm-zip";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const JNDI_LOOKUP = "org/apache/logging/log4j/core/lookup/JndiLookup.class";

const require = createRequire(import.meta.url);
let lib: string;
try {
  lib = join(dirname(require.resolve("local-dynamo/package.json")), "aws_dynamodb_local", "DynamoDBLocal_lib");
} catch {
  process.exit(0); // not installed (e.g. a production-only install)
}
for (const file of readdirSync(lib).filter((f) => /^log4j-core-.*\.jar$/.test(f))) {
  const jar = new AdmZip(join(lib, file));
  if (jar.getEntry(JNDI_LOOKUP)) {
    jar.deleteFile(JNDI_LOOKUP);
    jar.writeZip(join(lib, file));
    console.log(`removed ${JNDI_LOOKUP} from ${file}`);
  }
}
