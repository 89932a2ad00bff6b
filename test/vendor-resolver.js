// Jest's resolver: a request that resolves to an entry file of the vendor bundle (test/vendor-bundle.js)
// gets the bundle's shim for it, whoever asks (a test, lib, another package); the rest resolve as they
// would. Nested copies of a package resolve to other files, so they keep their own versions.
const fs = require('fs');
const { indexFile, packageFolders } = require('./vendor-bundle');

// Written as jest's configuration loads (jest.config.js); without it nothing is redirected.
const shims = new Map(fs.existsSync(indexFile) ? Object.entries(JSON.parse(fs.readFileSync(indexFile, 'utf8'))) : []);
const folders = shims.size ? packageFolders() : [];

module.exports = (request, options) => {
  const file = options.defaultResolver(request, options);
  const shim = shims.get(file);
  if (shim) return shim;
  // Another file of a bundled package, loaded beside the bundle's copy, would be a second instance of it.
  if (folders.some((folder) => file.startsWith(folder))) {
    throw new Error(`${request} (from ${options.basedir}) is a bundled package's file the vendor bundle has no entry for; import it in TypeScript as written (test/vendor-bundle.js finds imports by their text)`);
  }
  return file;
};
