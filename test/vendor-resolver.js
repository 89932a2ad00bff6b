// Jest's resolver: a request that resolves to an entry file of this run's vendor bundle (test/vendor-bundle.js)
// gets the bundle's shim for it, whoever asks (a test, lib, another package); the rest resolve as they
// would. Nested copies of a package resolve to other files, so they keep their own versions.
const fs = require('fs');
const { INDEX_VARIABLE, packageFolders } = require('./vendor-bundle');

// Named as jest's configuration loads (jest.config.js), for this process and its workers; unset, nothing is redirected.
const index = process.env[INDEX_VARIABLE];
const shims = new Map(index ? Object.entries(JSON.parse(fs.readFileSync(index, 'utf8'))) : []);
const folders = index ? packageFolders() : [];

module.exports = (request, options) => {
  const file = options.defaultResolver(request, options);
  const shim = shims.get(file);
  if (shim) return shim;
  // Another file of a bundled package, loaded beside the bundle's copy, would be a second instance of it.
  if (folders.some((folder) => file.startsWith(folder))) {
    throw new Error(
      `${request} (from ${options.basedir}) is a file of a bundled package that this run's vendor bundle has no entry for. ` +
        'The bundle holds what the checkout\'s .ts files import, found when jest starts (test/vendor-bundle.js): restart jest after adding an import, or import it from a .ts file.',
    );
  }
  return file;
};
