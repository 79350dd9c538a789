import { AppManifestUtils } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AppPackageError,
  buildAppPackage,
  bundledSchemaPath,
  loadEnvironment,
  parseEnvFile,
  projectRoot,
  resolveAppPackage,
  validateAppPackage,
} from '../../scripts/app-package.js';

// Only env/.env.local counts here: no env/.env.local.user, no process environment.
const offline = { env: 'local', processEnv: {}, includeUserFile: false } as const;
const localEnvironment = () => loadEnvironment(offline);

const outputFolder = mkdtempSync(join(tmpdir(), 'crewdesk-app-package-'));
afterAll(() => rmSync(outputFolder, { recursive: true, force: true }));

/** Width and height from the IHDR chunk, which a PNG must start with. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the Teams app manifest filled from env/.env.local', () => {
  const environment = localEnvironment();
  const resolved = resolveAppPackage({ environment });
  const { manifest } = resolved;

  it('passes the schema it names, which @microsoft/app-manifest bundles (no network)', async () => {
    expect(bundledSchemaPath(manifest.$schema)).toBeDefined();
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
  });

  it('passes the whole package check: localization files, their keys, icons', async () => {
    expect(resolved.localizations.map((localization) => localization.zipPath)).toEqual([
      'fr.json',
      'de.json',
      'it.json',
    ]);
    expect(await validateAppPackage(resolved)).toEqual([]);
  });

  it('leaves no placeholder behind', () => {
    const everything = JSON.stringify([
      manifest,
      ...resolved.localizations.map((localization) => localization.content),
    ]);
    expect(everything).not.toContain('${{');
    expect(manifest.id).toBe(environment.values.TEAMS_APP_ID);
    expect(manifest.name.short).toBe('Crewdesk (local)');
  });

  it('has the bot in personal, team and group chats, with commands for each scope', () => {
    const [bot] = manifest.bots ?? [];
    expect(bot?.botId).toBe(environment.values.BOT_ID);
    expect(bot?.scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    expect(bot?.supportsFiles).toBe(false);
    const commandScopes = (bot?.commandLists ?? []).flatMap((list) => list.scopes);
    expect(commandScopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    const titles = (bot?.commandLists ?? []).flatMap((list) => list.commands.map((command) => command.title));
    expect(titles).toEqual(expect.arrayContaining(['help', 'my week', 'queue connectivity']));
  });

  it('has a personal static tab and a configurable tab for teams and group chats', () => {
    const home = manifest.staticTabs?.find((tab) => tab.entityId === 'crewdesk-home');
    expect(home?.scopes).toEqual(['personal']);
    expect(home?.contentUrl).toMatch(/^http:\/\/localhost:3978\/tab\/index\.html\?/);
    const [configurable] = manifest.configurableTabs ?? [];
    expect(configurable?.configurationUrl).toMatch(/^http:\/\/localhost:3978\/tab\/index\.html\?configure=1/);
    expect(configurable?.scopes).toEqual(expect.arrayContaining(['team', 'groupChat']));
  });

  it('names the tab’s Entra app for single sign-on, on the tab’s domain', () => {
    const clientId = environment.values.AAD_APP_CLIENT_ID;
    expect(manifest.webApplicationInfo).toEqual({
      id: clientId,
      resource: `api://localhost:3978/${clientId}`,
    });
    expect(manifest.validDomains).toEqual(['localhost:3978']);
  });
});

describe('the zip that npm run package writes', () => {
  it('holds the manifest, the icons at Teams’ sizes and the localization files', async () => {
    const result = await buildAppPackage({ ...offline, outputFolder });
    expect(result.zipPath).toBe(join(outputFolder, 'appPackage.local.zip'));
    const zip = new AdmZip(result.zipPath);
    const names = zip.getEntries().map((entry) => entry.entryName);
    expect(names.sort()).toEqual([
      'color.png',
      'de.json',
      'fr.json',
      'it.json',
      'manifest.json',
      'outline.png',
    ]);

    const read = (name: string) => zip.getEntry(name)!.getData();
    expect(JSON.parse(read('manifest.json').toString('utf8'))).toEqual(result.manifest);
    expect(pngSize(read('color.png'))).toEqual({ width: 192, height: 192 });
    expect(pngSize(read('outline.png'))).toEqual({ width: 32, height: 32 });
    expect(JSON.parse(read('fr.json').toString('utf8'))['name.short']).toBe('Crewdesk (local)');
  });
});

describe('placeholders without a value', () => {
  it('are reported by name, with where the empty value came from', async () => {
    const failure = await buildAppPackage({ ...offline, processEnv: { BOT_ID: '' }, outputFolder }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppPackageError);
    expect((failure as AppPackageError).unresolved).toEqual(['BOT_ID']);
    expect((failure as AppPackageError).message).toContain('${{BOT_ID}}: empty in the process environment');
  });

  it('are reported when a variable is missing altogether', () => {
    const environment = localEnvironment();
    const { TAB_ENDPOINT: _dropped, ...values } = environment.values;
    expect(() => resolveAppPackage({ environment: { ...environment, values } })).toThrow(
      /\$\{\{TAB_ENDPOINT\}\}: not set \(used in manifest\.json\)/,
    );
  });

  it('make npm run package exit non-zero with the list', async () => {
    const run = promisify(execFile)(process.execPath, ['scripts/package-app.js'], {
      cwd: projectRoot,
      env: { ...process.env, TEAMSFX_ENV: 'local', TEAMS_APP_ID: '', BOT_ID: '' },
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/\$\{\{BOT_ID\}\}[\s\S]*\$\{\{TEAMS_APP_ID\}\}/),
    });
  });
});

describe('the Toolkit files beside the manifest', () => {
  it('expose access_as_user to the Teams clients in aad.manifest.json', () => {
    const aad = JSON.parse(readFileSync(join(projectRoot, 'aad.manifest.json'), 'utf8'));
    const scope = aad.oauth2Permissions.find(
      (permission: { value: string }) => permission.value === 'access_as_user',
    );
    expect(scope?.type).toBe('User');
    expect(aad.identifierUris).toEqual(['api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
    const preAuthorized = aad.preAuthorizedApplications.map(
      (app: { appId: string; permissionIds: string[] }) => [app.appId, app.permissionIds],
    );
    expect(preAuthorized).toEqual(
      expect.arrayContaining([
        ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', [scope.id]],
        ['5e3ce6c0-2b1f-4285-8d4b-75ee78787346', [scope.id]],
      ]),
    );
  });

  it('commit no secret in env/.env.local or env/.env.dev', () => {
    for (const name of ['.env.local', '.env.dev']) {
      const values = parseEnvFile(readFileSync(join(projectRoot, 'env', name), 'utf8'));
      const secrets = Object.entries(values).filter(
        ([key, value]) => /SECRET|PASSWORD/i.test(key) && value !== '',
      );
      expect(secrets, name).toEqual([]);
    }
  });

  it('are read like dotenv files: quotes keep spaces, comments and export prefixes are ignored', () => {
    const text = [
      '# comment',
      'export A=1',
      'B=" (local)"',
      "C='x # y'",
      'D=plain # trailing comment',
      'E=',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({ A: '1', B: ' (local)', C: 'x # y', D: 'plain', E: '' });
  });
});
