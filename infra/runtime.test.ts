import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./offline/install";
import { LAMBDA_RUNTIME, nodeMajorOf } from "./runtime";

const lambdaMajor = nodeMajorOf(LAMBDA_RUNTIME);
const major = (version: string) => Number(/(\d+)/.exec(version)?.[1]);
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

describe("the local runtime", () => {
  it("is the Node major that the Lambda functions run on", () => {
    expect(major(process.versions.node)).toBe(lambdaMajor);
  });

  it("is also the `node` that a test or the stack spawns by name", () => {
    expect(major(execFileSync("node", ["-p", "process.versions.node"], { encoding: "utf8" }))).toBe(lambdaMajor);
  });

  it("is brought by package.json, whose engines and Node types name the same major", () => {
    expect(major(pkg.devDependencies.node)).toBe(lambdaMajor);
    expect(major(pkg.engines.node)).toBe(lambdaMajor);
    expect(major(pkg.devDependencies["@types/node"])).toBe(lambdaMajor);
  });
});
