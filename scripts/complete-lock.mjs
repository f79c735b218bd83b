// Adds to package-lock.json the platform-specific optional packages that the registry these machines reach does
// not serve (it has only the Linux builds), exactly as npm writes them when it can see them: optional, with the
// os/cpu/libc that keep npm from installing them elsewhere. Without them `npm ci` refuses the lock as out of
// sync. Run after `npm install` changes the lock: `node scripts/complete-lock.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
const PLATFORM = {
  android: { os: ['android'] },
  darwin: { os: ['darwin'] },
  freebsd: { os: ['freebsd'] },
  linux: { os: ['linux'] },
  openharmony: { os: ['openharmony'] },
  win32: { os: ['win32'] },
};
const CPU = {
  'arm-eabi': 'arm',
  arm64: 'arm64',
  x64: 'x64',
  arm: 'arm',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
  ia32: 'ia32',
};
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (pkgs[key] || pkgs[`${path}/${key}`]) continue;
    // Names like @unrs/resolver-binding-linux-arm-gnueabihf: <platform>-<cpu>[-<abi>].
    const m =
      /-(android|darwin|freebsd|linux|openharmony|win32)-(arm-eabi|arm64|x64|arm|loong64|ppc64|riscv64|s390x|ia32)(?:-(gnu|gnueabihf|musl|musleabihf|msvc))?$/.exec(
        dep,
      );
    if (!m) continue;
    const entry = {
      version,
      cpu: [CPU[m[2]]],
      dev: meta.dev === true ? true : undefined,
      license: meta.license,
      optional: true,
      ...PLATFORM[m[1]],
    };
    if (m[3]?.startsWith('gnu')) entry.libc = ['glibc'];
    if (m[3]?.startsWith('musl')) entry.libc = ['musl'];
    pkgs[key] = JSON.parse(JSON.stringify(entry));
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lock: added ${added} platform-only optional package entries`);
