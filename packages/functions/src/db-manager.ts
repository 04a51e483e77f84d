// Lambda entry point; implemented by its own issue.
export const handler = async (_event: unknown): Promise<void> => {};
