import { describe, expect, it } from "vitest";
import { planDeploy } from "./deploy";

describe("npm run deploy", () => {
  it("tests, then deploys the named stage", () => {
    expect(planDeploy(["--stage", "staging"])).toEqual({
      stage: "staging",
      profile: undefined,
      runTests: true,
      configOnly: false,
    });
  });

  it("accepts the original deploy.py options: --environment, --profile, --skip-tests, --config-only", () => {
    expect(planDeploy(["--environment", "production", "--profile", "prod", "--skip-tests", "--config-only"])).toEqual({
      stage: "production",
      profile: "prod",
      runTests: false,
      configOnly: true,
    });
  });

  it("refuses to guess a stage", () => {
    expect(() => planDeploy([])).toThrow(/a stage is required/);
  });

  it("refuses an option it does not know rather than ignoring it", () => {
    expect(() => planDeploy(["--stage", "dev", "--skip-deps"])).toThrow(/--skip-deps/);
  });
});
