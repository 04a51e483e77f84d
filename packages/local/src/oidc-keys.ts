import { generateKeyPairSync, randomBytes, randomUUID, type JsonWebKey } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The local provider's secrets: its token-signing key (a private JWK) and its cookie keys. */
export interface OidcKeys {
  signing: JsonWebKey & { kid: string; alg: "RS256"; use: "sig" };
  cookies: string[];
}

/** Where the local provider keeps its keys under a stack's data dir; test support signs with the same key. */
export const oidcKeysFile = (dataDir: string) => join(dataDir, "oidc", "keys.json");

/** Reads the provider's keys from `file`, making them once if missing, readable only by their owner. */
export function oidcKeys(file: string): OidcKeys {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keys: OidcKeys = {
      signing: { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" },
      cookies: [randomBytes(32).toString("base64url")],
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, "utf8")) as OidcKeys;
}
