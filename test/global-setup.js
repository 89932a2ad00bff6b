// Every temporary folder of a test run (written configs, real servers' data, cdktf's outdirs) goes under
// one folder, removed when the run ends: runs do not pile gigabytes up in /tmp.
const fs = require('fs');
const os = require('os');
const path = require('path');

const { touchVendorBundle } = require('./vendor-bundle');

module.exports = async () => {
  touchVendorBundle();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-jest-'));
  process.env.MAC_TEST_TMPDIR_OWNER = dir;
  process.env.TMPDIR = dir;
};
