// Types for scripts/app-package.js, which stays plain JavaScript so that `npm run package` runs
// with node alone; the tests import it from TypeScript.
import type { TeamsManifestV1D29 } from '@microsoft/app-manifest';

/** The manifest version appPackage/manifest.json declares. */
export type CrewdeskManifest = TeamsManifestV1D29.TeamsManifestV1D29;

export declare const projectRoot: string;

export declare class AppPackageError extends Error {
  constructor(message: string, details?: { problems?: string[]; unresolved?: string[] });
  /** One line per problem, also listed in `message`. */
  readonly problems: string[];
  /** Names of the `${{NAME}}` placeholders left without a value. */
  readonly unresolved: string[];
}

export interface Environment {
  name: string;
  /** The env files read, in order (`env/.env.<name>`, `env/.env.<name>.user`). */
  files: string[];
  values: Record<string, string>;
  /** Where each value came from: an env file or "the process environment". */
  sources: Record<string, string>;
}

export interface EnvironmentOptions {
  root?: string;
  /** Default: `processEnv.TEAMSFX_ENV`, else `local`. */
  env?: string;
  /** Overrides the env files; default `process.env`. */
  processEnv?: Record<string, string | undefined>;
  /** Read `env/.env.<name>.user` too (default true). */
  includeUserFile?: boolean;
}

export interface PackageFile {
  zipPath: string;
  path: string;
}

export interface ResolvedAppPackage {
  manifest: CrewdeskManifest;
  localizations: Array<PackageFile & { content: Record<string, string> }>;
  icons: Array<PackageFile & { kind: string }>;
}

export declare function parseEnvFile(text: string, fileName?: string): Record<string, string>;
export declare function loadEnvironment(options?: EnvironmentOptions): Environment;
export declare function resolveAppPackage(options: {
  root?: string;
  environment: Environment;
}): ResolvedAppPackage;
export declare function bundledSchemaPath(schemaUrl: string | undefined): string | undefined;
export declare function readPngHeader(png: Buffer): {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
};
export declare function validateAppPackage(resolved: ResolvedAppPackage): Promise<string[]>;
export declare function buildAppPackage(options?: EnvironmentOptions & { outputFolder?: string }): Promise<{
  environment: string;
  zipPath: string;
  manifestPath: string;
  manifest: CrewdeskManifest;
  entries: string[];
}>;
