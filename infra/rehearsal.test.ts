import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DEV_PORT } from "@testex/stage/config";
import { root } from "./offline/install";
import { asyncFailureProblems, cognitoDomainProblems, collisionProblems, consoleProblems, rehearsalProblems } from "./offline/rehearsal";
import { functions, ofType } from "./offline/rules";
import { type Synthesis, synthesize } from "./offline/synthesize";
import { parseRehearsal } from "./scripts/rehearse";
import { localPorts } from "../packages/local/src/ports";

/** The account the offline run deploys into (infra/offline/mock-runner.ts). */
const ACCOUNT = "123456789012";

/** A deep copy to break on purpose. */
const broken = (s: Synthesis, mutate: (s: Synthesis) => void): Synthesis => {
  const copy = structuredClone(s);
  mutate(copy);
  return copy;
};

/** infra/<file> as committed, with one passage swapped: a deliberately broken copy of the infra. */
const infraWith = (file: string, from: string, to: string) => {
  const text = readFileSync(path.join(root, "infra", file), "utf8");
  if (!text.includes(from)) throw new Error(`infra/${file} no longer contains ${from}`);
  return { [`infra/${file}`]: text.replace(from, to) };
};

describe("npm run infra:rehearse", () => {
  it("takes a stage and, optionally, --dev", () => {
    expect(parseRehearsal(["--stage", "alice", "--dev"])).toEqual({ stage: "alice", dev: true });
    expect(parseRehearsal(["--stage", "production"])).toEqual({ stage: "production", dev: false });
    expect(() => parseRehearsal([])).toThrow("a stage is required");
  });
});

describe("sst dev on a personal stage", () => {
  let alice: Synthesis;
  beforeAll(async () => {
    alice = await synthesize("alice", { dev: true });
  }, 300_000);

  it("runs SST's components to the end, every function builds and reads only what it is given", () => {
    expect(alice.mode).toBe("dev");
    expect(rehearsalProblems(alice)).toEqual([]);
  });

  it("runs the console's dev server on the port npm start uses, and sign-in, CORS and notice links point at it", () => {
    const chosen = process.env.TESTEX_WEB_PORT;
    delete process.env.TESTEX_WEB_PORT;
    try {
      expect(localPorts().web).toBe(CONSOLE_DEV_PORT);
    } finally {
      if (chosen !== undefined) process.env.TESTEX_WEB_PORT = chosen;
    }
    expect(alice.outputs.web).toBe(`http://localhost:${CONSOLE_DEV_PORT}`);
    expect(consoleProblems(alice, CONSOLE_DEV_PORT)).toEqual([]);
  });

  it("is reported when the dev server serves elsewhere, or notices link to SST's placeholder URL", () => {
    const s = broken(alice, (s) => {
      const site = s.resources.find((r) => r.type === "sst:aws:StaticSite")!;
      site.outputs!._dev.command = "npm run dev";
      s.builds.find((b) => b.handler.endsWith("scheduler.handler"))!.links.Web = { url: "http://url-unavailable-in-dev.mode" };
    });
    expect(consoleProblems(s, CONSOLE_DEV_PORT)).toEqual([
      `under sst dev the console's dev command (npm run dev) does not serve on port ${CONSOLE_DEV_PORT}`,
      `packages/functions/src/scheduler.handler: links notices to http://url-unavailable-in-dev.mode, not the console at http://localhost:${CONSOLE_DEV_PORT}`,
    ]);
  });

  it("is reported when the infra reads the console's bucket, which StaticSite does not create under sst dev", async () => {
    const crashing = await synthesize("alice", {
      dev: true,
      replace: infraWith("web.ts", "if (web.nodes.assets) harden(\"ConsoleSiteAssets\", web.nodes.assets.name", "harden(\"ConsoleSiteAssets\", web.nodes.assets!.name"),
    });
    expect(rehearsalProblems(crashing).join("\n")).toContain("TypeError: Cannot read properties of undefined (reading 'name')");
  }, 300_000);
});

describe("two personal stages in one account", () => {
  let alice: Synthesis;
  let bob: Synthesis;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([synthesize("alice"), synthesize("bob")]);
  }, 300_000);

  it("each deploy, and claim no name the other has (mail identity, sign-in prefix, configuration set, buckets…)", () => {
    expect(rehearsalProblems(alice)).toEqual([]);
    expect(rehearsalProblems(bob)).toEqual([]);
    expect(collisionProblems(alice, bob)).toEqual([]);
  });

  it("are reported when both would create the shared sender's identity", () => {
    const creating = (s: Synthesis) =>
      broken(s, (s) => {
        const identity = ofType(s, "aws:sesv2/emailIdentity:EmailIdentity")[0]!;
        identity.inputs = { emailIdentity: identity.referencedId };
        delete identity.referencedId;
      });
    expect(collisionProblems(creating(alice), creating(bob))).toEqual([
      "alice's Sender and bob's Sender both create aws:sesv2/emailIdentity:EmailIdentity testex-dev.com",
    ]);
  });

  it("have sign-in prefixes of their account's own, and are reported with one any AWS customer may hold (testex-<stage>)", () => {
    expect(cognitoDomainProblems(alice, ACCOUNT)).toEqual([]);
    const s = broken(alice, (s) => void (ofType(s, "aws:cognito/userPoolDomain:UserPoolDomain")[0]!.inputs.domain = "testex-alice"));
    expect(cognitoDomainProblems(s, ACCOUNT)).toEqual(["the sign-in prefix testex-alice is not the account's own: any AWS customer may hold it already"]);
  });

  it("serve the console through their router, and sign in, call the API and upload from its URL", () => {
    expect(consoleProblems(alice, CONSOLE_DEV_PORT)).toEqual([]);
  });

  it("are reported when sign-in, the API or the files bucket know another origin than the router's (a hard-coded console URL)", () => {
    const s = broken(alice, (s) => {
      ofType(s, "aws:cognito/userPoolClient:UserPoolClient")[0]!.inputs.callbackUrls = ["https://app.testex.com/callback"];
      ofType(s, "aws:apigatewayv2/api:Api")[0]!.inputs.corsConfiguration.allowOrigins = ["http://localhost:3000"];
      s.resources = s.resources.filter((r) => r.type !== "pulumi-nodejs:dynamic:Resource" || !r.name.startsWith("ConsoleSiteRoutesUpdate"));
    });
    const url = String(alice.outputs.web);
    expect(consoleProblems(s, CONSOLE_DEV_PORT)).toEqual([
      "the console is not served through the stage's router",
      `sign-in returns to https://app.testex.com/callback, not the console at ${url}`,
      `the API accepts http://localhost:3000, not the console's origin ${url}`,
    ]);
  });

  it("keep every SES delivery report: the delivery recorder has an on-failure queue, and it is alarmed", () => {
    expect(asyncFailureProblems(alice)).toEqual([]);
    const s = broken(alice, (s) => {
      s.resources = s.resources.filter((r) => r.type !== "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig");
    });
    expect(asyncFailureProblems(s)).toEqual(["packages/functions/src/delivery-recorder.handler: an event that fails its retries is dropped (no on-failure queue)"]);
  });
});

describe("a pull request's stage", () => {
  let pr: Synthesis;
  beforeAll(async () => {
    pr = await synthesize("pr-42");
  }, 300_000);

  it("pays for no health probe, and alarms only on work the code lost", () => {
    expect(rehearsalProblems(pr)).toEqual([]);
    expect(functions(pr).map(({ build }) => build.handler)).not.toContain("packages/functions/src/health-probe.handler");
    expect(ofType(pr, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name).sort()).toEqual([
      "BackupFailedAlarm",
      "DeadNoticesAlarm",
      "DeadWebhooksAlarm",
      "MailEventFailuresAlarm",
      "NoticeDeadAlarm",
      "OutboxDeadAlarm",
      "OutboxFailuresAlarm",
    ]);
  });
});

describe("every other kind of stage", () => {
  it.each(["pr-42", "staging", "production", "sso-example"])("%s deploys: SST's components run to the end, every function builds and reads only what it is given", async (stage) => {
    const s = await synthesize(stage);
    expect(rehearsalProblems(s)).toEqual([]);
    expect(consoleProblems(s, CONSOLE_DEV_PORT)).toEqual([]);
    expect(asyncFailureProblems(s)).toEqual([]);
  }, 300_000);
});
