// Jest's TypeScript transform: esbuild strips the types (tsc checks them once, in `npm run typecheck`),
// which takes a fraction of ts-jest's time per file, in every worker. It does not hoist jest.mock()
// calls above the imports as ts-jest and babel-jest do; no test mocks modules.
const crypto = require('crypto');
const fs = require('fs');
const { transformSync, version } = require('esbuild');

const OPTIONS = { loader: 'ts', format: 'cjs', target: 'node20', sourcemap: 'external', sourcesContent: false };
const SELF = fs.readFileSync(__filename);

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { ...OPTIONS, sourcefile: filename });
    return { code, map };
  },
  // Jest takes this key as it is: everything the output depends on is in it (coverage instruments it too).
  getCacheKey(source, filename, options) {
    return crypto.createHash('sha1').update(SELF).update(`\0${version}\0${filename}\0${options.instrument}\0${options.configString}\0`).update(source).digest('hex');
  },
};
