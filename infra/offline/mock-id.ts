/** The physical id the mocks give a custom resource: what other resources receive as its `id`. */
export const mockId = (name: string) => `${name}-id`;
