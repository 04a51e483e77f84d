/**
 * The Lambda runtime every function runs on, as pure data (no SST globals), so
 * a test can hold the local runtime to it: `npm start`, the CLIs and the tests
 * run on the Node that package.json brings (the `node` package), of this major.
 */
export const LAMBDA_RUNTIME = "nodejs22.x";

/** The Node major of a Lambda runtime name, e.g. 22 for "nodejs22.x". */
export const nodeMajorOf = (runtime: string): number => Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]);
