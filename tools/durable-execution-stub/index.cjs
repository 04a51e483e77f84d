// Loaded only if something imports sst/aws/workflow, which a test keeps from happening: fail at once, saying why.
throw new Error(
  "TESTEX does not use SST workflows; @aws/durable-execution-sdk-js is an empty stand-in (tools/durable-execution-stub, an override in package.json). Use the real SDK before importing sst/aws/workflow.",
);
