#!/usr/bin/env node
// Builds the web app before `npm start` when web/dist is missing or older than its sources. The project's .npmrc
// sets ignore-scripts (so npm install runs no dependency's install step), which also skips the root's `prepare`:
// the build happens here instead, once, a few seconds on the first start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = join(import.meta.dirname, '..');
const built = join(web, 'dist', 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['src', 'public', 'index.html', 'ide.html', 'vite.config.ts', 'package.json'].map((p) => join(web, p)).filter(existsSync);
if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  console.log('escograph: building the web app (web/dist)…');
  const result = spawnSync('npm', ['run', 'build', '--workspace', 'web', '--silent'], { stdio: 'inherit', cwd: join(web, '..') });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
