/**
 * `npm run token -- --user <login>` or `--role <role>` signs in to the local
 * OpenID Provider (`npm start` runs it) as one of the seeded people, through
 * the authorization-code flow a browser uses, and prints their ID token: the
 * bearer token the API accepts. `--role` picks the seeded person with that role.
 */
import { parseArgs } from "node:util";
import { ROLES, type Role } from "@testex/core/access";
import { PEOPLE, personByLogin, personWithRole } from "./people";
import { localEndpoints } from "./ports";
import { httpAnswers } from "@testex/aws-local/process";
import { signIn } from "./sign-in";

const USAGE = `usage: npm run -s token -- --user <${PEOPLE.map((p) => p.login).join("|")}>  or  --role <${ROLES.join("|")}>`;

async function main() {
  const { values } = parseArgs({ options: { user: { type: "string" }, role: { type: "string" } } });
  if (values.role !== undefined && !ROLES.includes(values.role as Role)) throw new Error(`unknown role "${values.role}"\n${USAGE}`);
  if (values.user !== undefined && !personByLogin(values.user)) throw new Error(`unknown user "${values.user}"\n${USAGE}`);
  const person = values.user !== undefined ? personByLogin(values.user) : values.role !== undefined ? personWithRole(values.role as Role) : undefined;
  if (!person) throw new Error(USAGE);

  const issuer = localEndpoints().oidc;
  if (!(await httpAnswers(`${issuer}/.well-known/openid-configuration`))) {
    throw new Error(`No OpenID Provider answers on ${issuer} (TESTEX_OIDC_PORT): start the stack with \`npm start\` first.`);
  }
  const tokens = await signIn(issuer, person.login, person.password);
  process.stdout.write(`${tokens.id_token}\n`);
  const hours = Math.round(tokens.expires_in / 360) / 10;
  process.stderr.write(`token for ${person.name} <${person.email}> (${person.groups.join(", ")}), valid ${hours} h; paste it into Authorize on http://localhost:${process.env.PORT ?? 3000}/docs\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`token: ${error.message}\n`);
  process.exit(2);
});
