/**
 * The approvers of a Cognito user pool: the members of its approving groups,
 * read with ListUsersInGroup. Only accounts that can sign in and decide are
 * named: enabled, confirmed, with an e-mail address.
 */
import type { NamedApprover } from "../config";
import { onFirstUse } from "../lazy";

const sdk = onFirstUse(() => import("@aws-sdk/client-cognito-identity-provider"));

/** One client per process; the endpoint comes from the SDK's configuration (`AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` locally). */
const cognito = onFirstUse(async () => new (await sdk()).CognitoIdentityProviderClient({ maxAttempts: 3 }));

/** Cognito's largest page of ListUsersInGroup. */
const PAGE = 60;

/**
 * How long one reading is reused: a scheduler run reminding of many requests,
 * or a batch of events, asks once; a person added to a group is asked from
 * the next minute on.
 */
const CACHE_MS = 60_000;

const cache = new Map<string, { until: number; reading: Promise<NamedApprover[]> }>();

export function userPoolGroups(userPoolId: string, groups: readonly string[]): { approvers(): Promise<NamedApprover[]> } {
  const key = `${userPoolId}\n${groups.join("\n")}`;
  return {
    approvers() {
      const now = Date.now();
      const cached = cache.get(key);
      if (cached && cached.until > now) return cached.reading;
      const reading = membersOf(userPoolId, groups);
      cache.set(key, { until: now + CACHE_MS, reading });
      // A failed reading is not kept: the next caller asks again.
      reading.catch(() => cache.get(key)?.reading === reading && cache.delete(key));
      return reading;
    },
  };
}

async function membersOf(userPoolId: string, groups: readonly string[]): Promise<NamedApprover[]> {
  const { paginateListUsersInGroup } = await sdk();
  const client = await cognito();
  const found = new Map<string, NamedApprover>();
  for (const group of groups) {
    for await (const page of paginateListUsersInGroup({ client, pageSize: PAGE }, { UserPoolId: userPoolId, GroupName: group })) {
      for (const user of page.Users ?? []) {
        const attribute = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value?.trim() || undefined;
        const email = attribute("email");
        if (!user.Enabled || user.UserStatus !== "CONFIRMED" || !email) continue;
        // `sub` is what the tokens carry, so four-eyes can tell the requester apart; an admin in two groups is asked once.
        const id = attribute("sub") ?? user.Username;
        const name = attribute("name");
        found.set(id ?? email.toLowerCase(), { ...(id ? { id } : {}), email, ...(name ? { name } : {}) });
      }
    }
  }
  return [...found.values()];
}
