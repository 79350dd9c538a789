// The Teams app package: appPackage/manifest.json and its localization files with the
// `${{NAME}}` placeholders filled in the way the Microsoft 365 Agents Toolkit fills them (from
// env/.env.<environment>, then env/.env.<environment>.user, then the process environment, which
// wins), validated offline against the schemas bundled with @microsoft/app-manifest, and zipped
// with the icons. `npm run package` (scripts/package-app.js) and tests/unit/app-package.test.ts
// use it; the Toolkit's own teamsApp/zipAppPackage builds the same zip during provisioning.
import { AppManifestUtils } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** Placeholders that may resolve to an empty string: production has no name suffix. */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);
/** Sizes Teams requires (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package). */
const ICON_SIZES = { color: 192, outline: 32 };

/** A problem the person running the packaging can fix; its message says how. */
export class AppPackageError extends Error {
  /**
   * @param {string} message
   * @param {{ problems?: string[], unresolved?: string[] }} [details]
   */
  constructor(message, { problems = [], unresolved = [] } = {}) {
    super(
      problems.length > 0 ? `${message}\n${problems.map((problem) => `  - ${problem}`).join('\n')}` : message,
    );
    this.name = 'AppPackageError';
    this.problems = problems;
    this.unresolved = unresolved;
  }
}

/**
 * Parses a dotenv file as the Toolkit writes them: `KEY=value` lines, `#` comments, values
 * optionally in single or double quotes (which keep spaces), `export ` prefixes tolerated.
 * @param {string} text
 * @param {string} [fileName] for error messages
 * @returns {Record<string, string>}
 */
export function parseEnvFile(text, fileName = 'environment file') {
  /** @type {Record<string, string>} */
  const values = {};
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new AppPackageError(`${fileName}:${index + 1}: expected KEY=value, found "${line}"`);
    const [, key, rest = ''] = match;
    const quote = rest[0];
    let value;
    if (quote === '"' || quote === "'") {
      const end = rest.indexOf(quote, 1);
      if (end === -1)
        throw new AppPackageError(`${fileName}:${index + 1}: the quoted value of ${key} is not closed`);
      value = rest.slice(1, end);
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    } else {
      value = rest.replace(/\s+#.*$/, '').trim();
    }
    values[/** @type {string} */ (key)] = value;
  });
  return values;
}

/**
 * The values the placeholders are filled from, and where each came from.
 * @param {{ root?: string, env?: string, processEnv?: Record<string, string | undefined>, includeUserFile?: boolean }} [options]
 */
export function loadEnvironment(options = {}) {
  const root = options.root ?? projectRoot;
  const processEnv = options.processEnv ?? process.env;
  const name = options.env ?? (processEnv.TEAMSFX_ENV || 'local');
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new AppPackageError(
      `"${name}" is not an environment name (TEAMSFX_ENV): use letters, digits, - and _.`,
    );
  }
  const mainFile = `env/.env.${name}`;
  if (!existsSync(join(root, mainFile))) {
    throw new AppPackageError(
      `There is no ${mainFile}: create it, or choose another environment with TEAMSFX_ENV (for example TEAMSFX_ENV=local).`,
    );
  }
  const files = options.includeUserFile === false ? [mainFile] : [mainFile, `${mainFile}.user`];
  /** @type {Record<string, string>} */
  const values = {};
  /** @type {Record<string, string>} */
  const sources = {};
  for (const file of files) {
    if (!existsSync(join(root, file))) continue;
    for (const [key, value] of Object.entries(parseEnvFile(readFileSync(join(root, file), 'utf8'), file))) {
      values[key] = value;
      sources[key] = file;
    }
  }
  for (const [key, value] of Object.entries(processEnv)) {
    if (value === undefined) continue;
    values[key] = value;
    sources[key] = 'the process environment';
  }
  return { name, files, values, sources };
}

/**
 * @param {unknown} node
 * @param {Record<string, string>} values
 * @param {Set<string>} unresolved collects the names without a usable value
 * @returns {any}
 */
function fillPlaceholders(node, values, unresolved) {
  if (typeof node === 'string') {
    return node.replace(PLACEHOLDER, (whole, /** @type {string} */ name) => {
      const value = values[name];
      if (value === undefined || (value === '' && !MAY_BE_EMPTY.has(name))) {
        unresolved.add(name);
        return whole;
      }
      return value;
    });
  }
  if (Array.isArray(node)) return node.map((item) => fillPlaceholders(item, values, unresolved));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, fillPlaceholders(value, values, unresolved)]),
    );
  }
  return node;
}

/** @param {string} path */
function readJson(path) {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppPackageError(`${path} is not valid JSON: ${/** @type {Error} */ (error).message}`);
  }
}

/**
 * A file the manifest names, which must sit inside appPackage/ (Teams reads the zip's root).
 * @param {string} folder
 * @param {string} file
 */
function packageFile(folder, file) {
  const relativePath = normalize(file);
  if (isAbsolute(relativePath) || relativePath.startsWith(`..${sep}`) || relativePath === '..') {
    throw new AppPackageError(`appPackage/manifest.json names "${file}", which lies outside appPackage/.`);
  }
  const path = join(folder, relativePath);
  if (!existsSync(path))
    throw new AppPackageError(`appPackage/manifest.json names "${file}", which does not exist.`);
  return { zipPath: relativePath.split(sep).join('/'), path };
}

/**
 * Reads the manifest and its localization files and fills their placeholders.
 * Throws an AppPackageError naming every placeholder left without a value.
 * @param {{ root?: string, environment: { name: string, files: string[], values: Record<string, string>, sources: Record<string, string> } }} options
 */
export function resolveAppPackage({ root = projectRoot, environment }) {
  const folder = join(root, 'appPackage');
  const template = readJson(join(folder, 'manifest.json'));
  const localizationInfo = template.localizationInfo ?? {};
  const localizationNames = [
    ...(localizationInfo.defaultLanguageFile ? [localizationInfo.defaultLanguageFile] : []),
    ...(localizationInfo.additionalLanguages ?? []).map(
      (/** @type {{ file: string }} */ language) => language.file,
    ),
  ];

  /** @type {Map<string, Set<string>>} name -> files that use it */
  const unresolvedIn = new Map();
  /** @param {string} file @param {unknown} content */
  const fill = (file, content) => {
    const unresolved = new Set();
    const filled = fillPlaceholders(content, environment.values, unresolved);
    for (const name of unresolved) unresolvedIn.set(name, (unresolvedIn.get(name) ?? new Set()).add(file));
    return filled;
  };

  const manifest = fill('manifest.json', template);
  const localizations = localizationNames.map((name) => {
    const file = packageFile(folder, name);
    return { ...file, content: fill(file.zipPath, readJson(file.path)) };
  });

  if (unresolvedIn.size > 0) {
    const names = [...unresolvedIn.keys()].sort();
    throw new AppPackageError(
      `Unresolved placeholders in appPackage/ for environment "${environment.name}" — set them in ` +
        `${environment.files.join(' or ')} or in the environment (provisioning writes most of them):`,
      {
        unresolved: names,
        problems: names.map((name) => {
          const why =
            environment.values[name] === undefined
              ? 'not set'
              : `empty in ${environment.sources[name] ?? 'the environment'}`;
          return `\${{${name}}}: ${why} (used in ${[...(unresolvedIn.get(name) ?? [])].join(', ')})`;
        }),
      },
    );
  }

  // One host often serves both the bot and the tab (TAB_DOMAIN = BOT_DOMAIN): list it once.
  if (Array.isArray(manifest.validDomains)) manifest.validDomains = [...new Set(manifest.validDomains)];

  const icons = Object.keys(ICON_SIZES).map((kind) => ({
    kind,
    ...packageFile(folder, manifest.icons?.[kind] ?? `${kind}.png`),
  }));
  return { manifest, localizations, icons };
}

/**
 * Where @microsoft/app-manifest keeps its copy of a developer.microsoft.com schema. Validation
 * always passes that copy explicitly, so it never goes to the network (the library would fetch a
 * schema it does not bundle).
 * @param {string | undefined} schemaUrl
 */
export function bundledSchemaPath(schemaUrl) {
  const match =
    /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/.+)$/i.exec(
      schemaUrl ?? '',
    );
  if (!match) return undefined;
  const packageIndex = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  const path = join(dirname(packageIndex), /** @type {string} */ (match[1]));
  return existsSync(path) ? path : undefined;
}

/**
 * Escapes a `]` that closes no character class. The bundled localization schemas (v1.2x) carry
 * two patterns, `activities.activityTypes\[\b(…)\b]…`, that ajv rejects because it compiles
 * patterns with the `u` flag, where a lone `]` is a syntax error; escaped, they mean the same.
 * @param {string} pattern
 */
function unicodeSafePattern(pattern) {
  let result = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      result += pattern.slice(i, i + 2);
      i++;
    } else if (char === '[' && !inClass) {
      inClass = true;
      result += char;
    } else if (char === ']') {
      result += inClass ? char : '\\]';
      inClass = false;
    } else {
      result += char;
    }
  }
  return result;
}

/** @param {unknown} node @returns {any} */
function withUnicodeSafePatterns(node) {
  if (Array.isArray(node)) return node.map(withUnicodeSafePatterns);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, unicodeSafePattern(value)];
      if (key === 'patternProperties' && value !== null && typeof value === 'object') {
        return [
          key,
          Object.fromEntries(
            Object.entries(value).map(([pattern, schema]) => [
              unicodeSafePattern(pattern),
              withUnicodeSafePatterns(schema),
            ]),
          ),
        ];
      }
      return [key, withUnicodeSafePatterns(value)];
    }),
  );
}

/**
 * @param {string} label
 * @param {Record<string, unknown>} document
 * @returns {Promise<string[]>}
 */
async function schemaProblems(label, document) {
  const schemaUrl = typeof document.$schema === 'string' ? document.$schema : undefined;
  const schemaPath = bundledSchemaPath(schemaUrl);
  if (!schemaPath) {
    return [
      `${label}: its $schema ${schemaUrl ?? '(none)'} is not one that @microsoft/app-manifest bundles, so it ` +
        'cannot be validated offline; use a bundled version (see node_modules/@microsoft/app-manifest/build/json-schemas/teams/).',
    ];
  }
  // The same clean-up as the library's own loader: some schemas carry \a and \v escapes, which JSON lacks.
  const schemaText = readFileSync(schemaPath, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = withUnicodeSafePatterns(JSON.parse(schemaText));
  const errors = await AppManifestUtils.validateAgainstSchema(/** @type {any} */ (document), schema);
  return errors.map((error) => `${label}: ${error.trim()}`);
}

/**
 * The value at a localization key such as `bots[0].commandLists[1].commands[2].title`.
 * @param {unknown} node
 * @param {string} key
 */
function valueAt(node, key) {
  let current = /** @type {any} */ (node);
  for (const part of key.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match || current === null || typeof current !== 'object') return undefined;
    current = current[/** @type {string} */ (match[1])];
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) {
      if (!Array.isArray(current)) return undefined;
      current = current[Number(index[1])];
    }
  }
  return current;
}

/**
 * Width, height, bit depth and colour type from a PNG's IHDR chunk.
 * @param {Buffer} png
 */
export function readPngHeader(png) {
  const signature = '89504e470d0a1a0a';
  if (
    png.length < 33 ||
    png.subarray(0, 8).toString('hex') !== signature ||
    png.toString('ascii', 12, 16) !== 'IHDR'
  ) {
    throw new AppPackageError('not a PNG file');
  }
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png.readUInt8(24),
    colorType: png.readUInt8(25),
    interlace: png.readUInt8(28),
  };
}

/**
 * The RGBA pixels of an 8-bit, non-interlaced RGBA (6) or grey+alpha (4) PNG.
 * @param {Buffer} png
 */
function decodePngWithAlpha(png) {
  const { width, height, bitDepth, colorType, interlace } = readPngHeader(png);
  if (bitDepth !== 8 || interlace !== 0 || (colorType !== 6 && colorType !== 4)) return undefined;
  const channels = colorType === 6 ? 4 : 2;
  const chunks = [];
  for (let offset = 8; offset + 8 <= png.length;) {
    const length = png.readUInt32BE(offset);
    if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT')
      chunks.push(png.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const byte = /** @type {number} */ (raw[y * (stride + 1) + 1 + x]);
      const left = x >= channels ? /** @type {number} */ (pixels[y * stride + x - channels]) : 0;
      const up = y > 0 ? /** @type {number} */ (pixels[(y - 1) * stride + x]) : 0;
      const upLeft =
        y > 0 && x >= channels ? /** @type {number} */ (pixels[(y - 1) * stride + x - channels]) : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const [dLeft, dUp, dUpLeft] = [left, up, upLeft].map((value) => Math.abs(estimate - value));
        predictor = dLeft <= dUp && dLeft <= dUpLeft ? left : dUp <= dUpLeft ? up : upLeft;
      }
      pixels[y * stride + x] = (byte + predictor) & 0xff;
    }
  }
  /** @type {Array<[number, number, number, number]>} */
  const rgba = [];
  for (let i = 0; i < pixels.length; i += channels) {
    const [a = 0, b = 0, c = 0, d = 0] = pixels.subarray(i, i + channels);
    rgba.push(channels === 4 ? [a, b, c, d] : [a, a, a, b]);
  }
  return rgba;
}

/**
 * @param {{ kind: string, zipPath: string, path: string }} icon
 * @returns {string[]}
 */
function iconProblems(icon) {
  const png = readFileSync(icon.path);
  let header;
  try {
    header = readPngHeader(png);
  } catch {
    return [`${icon.zipPath}: not a PNG file`];
  }
  const size = ICON_SIZES[/** @type {'color' | 'outline'} */ (icon.kind)];
  const problems = [];
  if (header.width !== size || header.height !== size) {
    problems.push(
      `${icon.zipPath}: ${header.width}×${header.height} pixels, Teams needs ${size}×${size} for the ${icon.kind} icon`,
    );
  }
  if (icon.kind === 'outline') {
    // Teams draws the outline icon itself: white on a transparent background, nothing else.
    const pixels = decodePngWithAlpha(png);
    if (!pixels) {
      problems.push(`${icon.zipPath}: use an 8-bit RGBA PNG, white on a transparent background`);
    } else if (!pixels.some(([, , , alpha]) => alpha === 0)) {
      problems.push(`${icon.zipPath}: the background must be transparent`);
    } else if (pixels.some(([r, g, b, alpha]) => alpha > 0 && (r !== 255 || g !== 255 || b !== 255))) {
      problems.push(`${icon.zipPath}: every visible pixel must be white`);
    }
  }
  return problems;
}

/**
 * Everything wrong with a resolved package: schema errors of the manifest and of each
 * localization file, localization keys that name nothing in the manifest, icon sizes and colours.
 * @param {ReturnType<typeof resolveAppPackage>} resolved
 * @returns {Promise<string[]>}
 */
export async function validateAppPackage({ manifest, localizations, icons }) {
  const problems = await schemaProblems('manifest.json', manifest);
  for (const localization of localizations) {
    problems.push(...(await schemaProblems(localization.zipPath, localization.content)));
    for (const key of Object.keys(localization.content)) {
      if (key === '$schema' || key === 'localizationKeys') continue;
      if (typeof valueAt(manifest, key) !== 'string') {
        problems.push(`${localization.zipPath}: "${key}" translates nothing in manifest.json`);
      }
    }
  }
  for (const icon of icons) problems.push(...iconProblems(icon));
  return problems;
}

/**
 * Builds appPackage/build/appPackage.<environment>.zip (manifest.json, icons, localization
 * files), next to the resolved manifest.<environment>.json for reference.
 * @param {{ root?: string, env?: string, processEnv?: Record<string, string | undefined>, includeUserFile?: boolean, outputFolder?: string }} [options]
 */
export async function buildAppPackage(options = {}) {
  const root = options.root ?? projectRoot;
  const environment = loadEnvironment({ ...options, root });
  const resolved = resolveAppPackage({ root, environment });
  const problems = await validateAppPackage(resolved);
  if (problems.length > 0) {
    throw new AppPackageError(
      `appPackage/ for environment "${environment.name}" is not a valid Teams app package:`,
      {
        problems,
      },
    );
  }

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(resolved.manifest, null, 2)}\n`));
  for (const icon of resolved.icons) zip.addFile(icon.zipPath, readFileSync(icon.path));
  for (const localization of resolved.localizations) {
    zip.addFile(localization.zipPath, Buffer.from(`${JSON.stringify(localization.content, null, 2)}\n`));
  }

  const outputFolder = options.outputFolder ?? join(root, 'appPackage', 'build');
  mkdirSync(outputFolder, { recursive: true });
  const zipPath = join(outputFolder, `appPackage.${environment.name}.zip`);
  const manifestPath = join(outputFolder, `manifest.${environment.name}.json`);
  zip.writeZip(zipPath);
  writeFileSync(manifestPath, `${JSON.stringify(resolved.manifest, null, 2)}\n`);
  return {
    environment: environment.name,
    zipPath,
    manifestPath,
    manifest: resolved.manifest,
    entries: zip.getEntries().map((entry) => entry.entryName),
  };
}
