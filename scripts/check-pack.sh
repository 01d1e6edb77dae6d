#!/usr/bin/env bash
# Proves the published package works for a user: packs it, installs the tarball into a fresh ESM
# project with its peer dependencies, type-checks a consumer against the shipped .d.ts files, runs it,
# and checks that internals cannot be imported.
set -euo pipefail
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
# What a TypeScript user of every entry point installs: the peers, and sinon's types for ./testing.
peers=$(node -e "const p=require('$root/package.json');const d=p.devDependencies;console.log(['typescript','@types/node','@types/sinon',...Object.keys(p.peerDependencies)].map(n=>n+'@'+(d[n]||p.peerDependencies[n])).join(' '))")
npm install --no-audit --no-fund --silent "./$tarball" $peers
cp "$root/scripts/pack-consumer.ts" consumer.ts
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true,
  "lib": ["ES2022", "ESNext.Disposable", "DOM"], "types": ["node"], "experimentalDecorators": true, "emitDecoratorMetadata": true, "skipLibCheck": true, "outDir": "out" },
  "files": ["consumer.ts"] }
JSON
npx tsc -p tsconfig.json
node out/consumer.js
echo "pack check: the tarball installs, type-checks and runs in a fresh project"
