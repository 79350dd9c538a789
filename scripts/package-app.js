// `npm run package`: the Teams app zip for env/.env.${TEAMSFX_ENV:-local}, written to
// appPackage/build/appPackage.<environment>.zip. The work is done in scripts/app-package.js.
import { relative } from 'node:path';
import { AppPackageError, buildAppPackage } from './app-package.js';

try {
  const { environment, zipPath } = await buildAppPackage();
  const shown = relative(process.cwd(), zipPath);
  console.log(
    `Teams app package for environment "${environment}": ${shown.startsWith('..') ? zipPath : shown}`,
  );
} catch (error) {
  if (error instanceof AppPackageError) {
    console.error(`npm run package: ${error.message}`);
  } else {
    console.error('npm run package failed unexpectedly:', error);
  }
  process.exitCode = 1;
}
