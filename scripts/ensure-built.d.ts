export function ensureServerBuilt(): Promise<void>;
export function ensureTabBuilt(): Promise<void>;
