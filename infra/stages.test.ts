import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { environmentOf, stageConfig } from "@testex/stage/config";
import { root } from "./offline/install";
import { bucketProblems, emailProblems, functionProblems, functions, ofType, retentionProblems, type Statement } from "./offline/rules";
import { linksOf, renderSstEnv } from "./offline/sst-env";
import { type Synthesis, synthesize } from "./offline/synthesize";

describe("stage settings", () => {
  it("follow the original design's development environment", () => {
    expect(stageConfig("development").settings).toMatchObject({
      environment: "development",
      debug: true,
      logLevel: "DEBUG",
      senderEmail: "noreply@testex-dev.com",
    });
  });

  it("follow the original design's production environment, logging the business trail (INFO) rather than warnings only", () => {
    expect(stageConfig("production").settings).toMatchObject({
      environment: "production",
      debug: false,
      logLevel: "INFO",
      senderEmail: "noreply@notices.testex.com",
    });
  });

  it("put staging beside production: quieter than development, with the business trail", () => {
    expect(stageConfig("staging").settings).toMatchObject({ environment: "staging", debug: false, logLevel: "INFO" });
  });

  it("treat any other stage name like development, keeping the name", () => {
    const settings = stageConfig("pr-42").settings;
    expect(environmentOf("pr-42")).toBe("development");
    expect(settings).toEqual({ ...stageConfig("development").settings, stage: "pr-42" });
  });

  it("protect production only", () => {
    expect(["development", "staging", "pr-42", "production"].map((stage) => stageConfig(stage).protect)).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});

describe("the production stage", () => {
  let production: Synthesis;
  beforeAll(async () => {
    production = await synthesize("production");
  }, 300_000);

  it("keeps its table and buckets when removed, refuses `sst remove` and protects the table from deletion", () => {
    expect(production.errors).toEqual([]);
    expect(production.app).toMatchObject({ removal: "retain", protect: true });
    expect(retentionProblems(production, true)).toEqual([]);
  });

  it("is reported if its table could be deleted", () => {
    const s = structuredClone(production);
    ofType(s, "aws:dynamodb/table:Table")[0]!.inputs.deletionProtectionEnabled = false;
    expect(retentionProblems(s, true)).toEqual(["table deletion protection is off in production"]);
  });

  it("logs the business trail (INFO) and lets only its own origin upload files", () => {
    expect(functionProblems(production, "INFO")).toEqual([]);
    expect(bucketProblems(production, ["https://app.testex.com"])).toEqual([]);
  });

  it("gives the app the production settings through the Settings link", () => {
    const api = production.builds.find((b) => b.handler.endsWith("api/lambda.handler"))!;
    expect(api.links.Settings).toMatchObject({ ...stageConfig("production").settings, corsOrigins: ["https://app.testex.com"] });
  });

  it("verifies its sender's subdomain through DKIM and DMARC records in its own hosted zone, leaving the main domain's DMARC alone", () => {
    const records = ofType(production, "aws:route53/record:Record").map((r) => [r.inputs.type, r.inputs.name]);
    expect(records).toEqual(
      expect.arrayContaining([
        ["CNAME", "dkim1._domainkey.notices.testex.com"],
        ["CNAME", "dkim2._domainkey.notices.testex.com"],
        ["CNAME", "dkim3._domainkey.notices.testex.com"],
        ["TXT", "_dmarc.notices.testex.com"],
      ]),
    );
    const { settings, mail } = stageConfig("production");
    expect(emailProblems(production, settings.senderEmail, mail)).toEqual([]);
  });

  it("is reported when it sends from the main domain, whose DMARC record is the company's, or may send from any identity", () => {
    const { mail } = stageConfig("production");
    const s = structuredClone(production);
    for (const r of ofType(s, "aws:route53/record:Record")) r.inputs.name = String(r.inputs.name).replace("notices.testex.com", "testex.com");
    ofType(s, "aws:sesv2/emailIdentity:EmailIdentity")[0]!.inputs.emailIdentity = "testex.com";
    const notifier = functions(s).find(({ build }) => build.handler.endsWith("notifier.handler"))!.fn;
    const role = ofType(s, "aws:iam/role:Role").find((r) => r.state.arn === notifier.inputs.role)!.inputs;
    const policy = JSON.parse(role.inlinePolicies[0].policy);
    policy.Statement.find((st: Statement) => st.actions.includes("ses:SendEmail")).resources.push("arn:aws:ses:us-east-1:123456789012:identity/*");
    role.inlinePolicies[0].policy = JSON.stringify(policy);
    expect(emailProblems(s, "noreply@testex.com", mail)).toEqual([
      "Email: writes the DMARC record of testex.com, the company's main domain; send from a subdomain",
      "packages/functions/src/notifier.handler: may send from any identity of the account, though out of the SES sandbox",
    ]);
  });

  it("serves the console on its own domain through its router, and the API to that origin only", () => {
    expect(production.outputs.web).toBe("https://app.testex.com");
    const api = ofType(production, "aws:apigatewayv2/api:Api")[0]!.inputs;
    expect(api.corsConfiguration.allowOrigins).toEqual(["https://app.testex.com"]);
  });
});

/** Files whose text differs from what `sst deploy` would write there. */
function staleTypings(expected: Record<string, string>, read: (file: string) => string | null): string[] {
  return Object.entries(expected)
    .filter(([file, text]) => read(file) !== text)
    .map(([file]) => `${file} is not what sst deploy writes (npm run infra:types)`);
}

const onDisk = (file: string) => (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), "utf8") : null);

describe("sst-env.d.ts, the typing of Resource", () => {
  let dev: Synthesis;
  beforeAll(async () => {
    dev = await synthesize("dev");
  }, 300_000);

  it("is exactly what sst deploy writes for the program's links, so a deploy changes nothing", () => {
    const expected = renderSstEnv(dev, root);
    expect(Object.keys(linksOf(dev)).sort()).toEqual(expect.arrayContaining(["Settings", "Table", "Email", "NotificationQueue"]));
    expect(staleTypings(expected, onDisk)).toEqual([]);
  });

  it("is reported when edited by hand or missing a link", () => {
    const expected = renderSstEnv(dev, root);
    const edited = (file: string) =>
      file === "sst-env.d.ts" ? onDisk(file)!.replace('"logLevel": string', '"logLevel": "DEBUG" | "INFO"') : onDisk(file);
    expect(staleTypings(expected, edited)).toEqual(["sst-env.d.ts is not what sst deploy writes (npm run infra:types)"]);
  });
});
