import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { environmentOf, stageConfig } from "./config";
import { root } from "./offline/install";
import { bucketProblems, functionProblems, ofType, retentionProblems } from "./offline/rules";
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

  it("follow the original design's production environment", () => {
    expect(stageConfig("production").settings).toMatchObject({
      environment: "production",
      debug: false,
      logLevel: "WARN",
      senderEmail: "noreply@testex.com",
    });
  });

  it("put staging between the two: quieter than development, louder than production", () => {
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

  it("logs at WARN and lets only its own origin upload files", () => {
    const settings = stageConfig("production").settings;
    expect(functionProblems(production, "WARN")).toEqual([]);
    expect(bucketProblems(production, settings.corsOrigins)).toEqual([]);
  });

  it("gives the app the production settings through the Settings link", () => {
    const api = production.builds.find((b) => b.handler.endsWith("api/lambda.handler"))!;
    expect(api.links.Settings).toMatchObject(stageConfig("production").settings);
  });

  it("serves the API to its own origin only", () => {
    const api = ofType(production, "aws:apigatewayv2/api:Api")[0]!.inputs;
    expect(api.corsConfiguration.allowOrigins).toEqual(stageConfig("production").settings.corsOrigins);
  });
});

/** Link name -> property names (with `type`'s literal) as sst-env.d.ts declares them. */
function declaredLinks(): Record<string, Record<string, string>> {
  const file = path.join(root, "sst-env.d.ts");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const links: Record<string, Record<string, string>> = {};
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === "Resource") {
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type)) continue;
        links[member.name.getText(source)] = Object.fromEntries(
          member.type.members
            .filter(ts.isPropertySignature)
            .map((p) => [p.name.getText(source), p.type!.getText(source)]),
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return links;
}

describe("sst-env.d.ts, the typing of Resource", () => {
  let dev: Synthesis;
  beforeAll(async () => {
    dev = await synthesize("dev");
  }, 300_000);

  it("declares exactly the links the functions get, with their properties and types", () => {
    const deployed: Record<string, Record<string, string>> = {
      App: { name: "string", stage: "string", type: '"sst.sst.Linkable"' },
    };
    for (const build of dev.builds) {
      for (const [name, properties] of Object.entries(build.links)) {
        // Mocked URNs carry the stack's type as a parent; a deployed one starts at the component.
        const type = String(properties.type).split("$").at(-1);
        deployed[name] = Object.fromEntries(
          Object.keys(properties).map((key) => [key, key === "type" ? `"${type}"` : "declared"]),
        );
      }
    }
    const declared = declaredLinks();
    expect(Object.keys(declared).sort()).toEqual(Object.keys(deployed).sort());
    for (const [name, properties] of Object.entries(deployed)) {
      expect(Object.keys(declared[name]!).sort(), name).toEqual(Object.keys(properties).sort());
      expect(declared[name]!.type, name).toBe(properties.type);
    }
  });
});
