/**
 * `npm run token -- --role <role> [--sub <user-id>] [--email <address>] [--expires <span>]`
 * prints a bearer token that the local API (`npm start`) accepts. It reads
 * the checkout's signing secret (creating it if missing), so it works before
 * or while the API runs.
 */
import { parseArgs } from "node:util";
import { ROLES, type Role } from "@testex/core/access";
import { localAuthSecret } from "./auth-secret";
import { mintToken } from "./token";

const USAGE = `usage: npm run -s token -- --role <${ROLES.join("|")}> [--sub <user-id>] [--email <address>] [--expires 12h]`;

async function main() {
  const { values } = parseArgs({
    options: { role: { type: "string" }, sub: { type: "string" }, email: { type: "string" }, expires: { type: "string", default: "12h" } },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(values.role ? `unknown role "${values.role}"\n${USAGE}` : USAGE);
  const actor = { id: values.sub ?? `local-${role}`, email: values.email, roles: [role] };
  process.stdout.write(`${await mintToken(actor, localAuthSecret(), values.expires)}\n`);
  process.stderr.write(`token for ${actor.id} (${role}), valid ${values.expires}; paste it into Authorize on http://localhost:${process.env.PORT ?? 3000}/docs\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`token: ${error.message}\n`);
  process.exit(2);
});
