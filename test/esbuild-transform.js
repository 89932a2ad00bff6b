// Jest's TypeScript transform: esbuild strips the types (tsc checks them once, in `npm run typecheck`),
// which takes a fraction of ts-jest's time per file, in every worker.
const crypto = require('crypto');
const { transformSync, version } = require('esbuild');

const OPTIONS = { loader: 'ts', format: 'cjs', target: 'node20', sourcemap: 'external', sourcesContent: false };

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { ...OPTIONS, sourcefile: filename });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update(`${version}\0${JSON.stringify(OPTIONS)}\0${filename}\0${source}`).digest('hex');
  },
};
