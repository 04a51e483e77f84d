/**
 * `npm run token -- <role> [subject] [email]`: prints a bearer token that the
 * local stack (`npm start`) accepts, signed with this checkout's secret.
 */
import { ROLES } from "@testex/core/access";
import { localAuthSecret } from "./auth-secret";
import { mintToken } from "./token";

const [role = "editor", subject = `user-${role}`, email = `${subject}@example.com`] = process.argv.slice(2);
if (!(ROLES as readonly string[]).includes(role)) {
  console.error(`usage: npm run token -- <${ROLES.join("|")}> [subject] [email]`);
  process.exit(2);
}
console.log(await mintToken({ id: subject, email, roles: [role] }, localAuthSecret()));
