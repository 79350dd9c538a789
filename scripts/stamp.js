// Marks a build output as complete (see scripts/ensure-built.js).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
if (!folder) throw new Error('usage: node scripts/stamp.js <output folder>');
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, '.built'), new Date().toISOString() + '\n');
